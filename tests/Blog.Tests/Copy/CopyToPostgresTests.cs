using System.Net;
using System.Text.RegularExpressions;
using Blog.Data;
using Blog.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Blog.Tests.Copy;

/// <summary>
/// <c>copy-to-postgres</c>, end to end: the SQLite site and the PostgreSQL site that serves its
/// copy answer the same. Needs a PostgreSQL server (BLOG_TEST_POSTGRES); skipped without one.
/// </summary>
public sealed partial class CopyToPostgresTests(CopiedSite site) : IClassFixture<CopiedSite>
{
    private static readonly string[] NotLinkedFromPages =
        ["/feed.xml", "/atom.xml", "/category/reinforcement-learning/feed.xml", "/sitemap.xml", "/robots.txt", "/search?q=注意", "/?page=2"];

    [PostgresFact]
    public void Command_PrintsACountPerTableAndWhereTheImagesWent()
    {
        Assert.Equal("", site.Copy.Errors);
        Assert.Matches(@"(?m)^  Posts\s+8 rows ", site.Copy.Output); // the welcome post and seven of ours, draft and trash included
        Assert.Matches(@"(?m)^  Revisions\s+2 rows ", site.Copy.Output); // the text before each of two edits (a new slug alone keeps none)
        Assert.Matches(@"(?m)^  PostTags\s+8 rows ", site.Copy.Output);
        Assert.Matches(@"(?m)^  SlugRedirects\s+1 rows ", site.Copy.Output);
        Assert.Matches(@"(?m)^  Users\s+1 rows ", site.Copy.Output);
        Assert.Contains("search index: 8 posts ", site.Copy.Output);
        Assert.Contains($"images: 1 in {site.Postgres.MediaFolder} (1 copied, 0 already there)", site.Copy.Output);
        Assert.Matches(@"copied [\d,]+ rows in \d+ tables in \d+\.\d s", site.Copy.Output);
    }

    [PostgresFact]
    public async Task EveryPublicPage_IsTheSameOnTheCopy()
    {
        // Every page a reader reaches by following links from the home page, and the ones no page links to.
        var seen = new HashSet<string>();
        var queue = new Queue<string>(["/", .. NotLinkedFromPages]);
        while (queue.TryDequeue(out var url))
        {
            if (!seen.Add(url))
                continue;
            var (sqliteStatus, sqliteBody) = await GetAsync(site.Sqlite, url);
            var (postgresStatus, postgresBody) = await GetAsync(site.Postgres, url);

            Assert.True(sqliteStatus == HttpStatusCode.OK, $"{url} answered {(int)sqliteStatus} on SQLite");
            Assert.True(postgresStatus == HttpStatusCode.OK, $"{url} answered {(int)postgresStatus} on the copy");
            var (expected, actual) = (Comparable(url, sqliteBody), Comparable(url, postgresBody));
            Assert.True(expected == actual, $"{url} differs:\n{Difference(expected, actual)}");
            foreach (var link in Html.Parse(sqliteBody).QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!))
            {
                if (IsPublicPage(link))
                    queue.Enqueue(link.Split('#')[0]);
            }
        }

        Assert.Contains($"/posts/{Uri.EscapeDataString(CopiedSite.ArticleSlug)}", seen);
        Assert.Contains("/archive", seen);
        Assert.Contains("/category/reinforcement-learning", seen);
        Assert.Contains("/tag/transformer", seen);
        var home = await site.Postgres.CreateClient().GetDocumentAsync("/");
        Assert.Equal(CopiedSite.HeroText, home.QuerySelector(".hero-title")?.TextContent);
        var search = await site.Postgres.CreateClient().GetStringAsync("/search?q=注意");
        Assert.Contains("注意力机制：从点积到多头", search);
    }

    [PostgresFact]
    public async Task TheImage_IsServedWithTheSameBytes()
    {
        var sqlite = await site.Sqlite.CreateClient().GetAsync(site.ImageUrl);
        var postgres = await site.Postgres.CreateClient().GetAsync(site.ImageUrl);

        Assert.Equal(HttpStatusCode.OK, postgres.StatusCode);
        Assert.Equal("image/png", postgres.Content.Headers.ContentType?.MediaType);
        Assert.Equal(await sqlite.Content.ReadAsByteArrayAsync(), await postgres.Content.ReadAsByteArrayAsync());
    }

    [PostgresFact]
    public async Task TheOldSlug_StillAnswers301ToTheCurrentOne()
    {
        var client = site.Postgres.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync($"/posts/{CopiedSite.OldArticleSlug}");

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal($"/posts/{Uri.EscapeDataString(CopiedSite.ArticleSlug)}", response.Headers.Location?.OriginalString);
    }

    [PostgresFact]
    public async Task DraftsScheduledAndTrashedPosts_StayHiddenFromReadersAndListedInTheAdmin()
    {
        var hidden = new[] { (CopiedSite.DraftTitle, "draft", "草稿"), (CopiedSite.ScheduledTitle, "scheduled", "定时"), (CopiedSite.TrashedTitle, "trash", null) };
        var reader = site.Postgres.CreateClient();
        var admin = await SignInAsync(site.Postgres, Forms.Password);
        Assert.NotNull(admin);

        foreach (var (title, list, state) in hidden)
        {
            var slug = await site.Postgres.WithDbAsync(db => db.Posts.Where(p => p.Title == title).Select(p => p.Slug).SingleAsync());
            Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/posts/{Uri.EscapeDataString(slug)}")).StatusCode);
            foreach (var url in new[] { "/", "/archive", "/feed.xml", "/sitemap.xml", "/category/reinforcement-learning", $"/search?q={Uri.EscapeDataString(title[..4])}" })
                Assert.DoesNotContain(title, await reader.GetStringAsync(url));

            var row = (await admin.GetDocumentAsync($"/admin/posts?status={list}")).QuerySelectorAll(".posts-table tbody tr")
                .SingleOrDefault(tr => tr.QuerySelector(".title-cell a")?.TextContent == title);
            Assert.True(row is not null, $"{title} is not in the admin's {list} list");
            if (state is not null)
                Assert.Equal(state, row.QuerySelector(".status")?.TextContent);
        }
    }

    [PostgresFact]
    public async Task TheAdmin_SignsInWithTheSamePassword_AndFindsTheRevisions()
    {
        var wrong = await SignInAsync(site.Postgres, "not the password");
        var admin = await SignInAsync(site.Postgres, Forms.Password);

        Assert.Null(wrong);
        Assert.NotNull(admin);
        var revisions = await admin.GetDocumentAsync($"/admin/posts/{site.ArticleId}/revisions");
        var rows = revisions.QuerySelectorAll(".revision-list tbody tr").Select(tr => tr.QuerySelectorAll("td")[1].TextContent.Trim()).ToList();
        Assert.Equal(3, rows.Count); // the current text and the two before it
        Assert.StartsWith("注意力机制：从点积到多头", rows[0]);
    }

    [PostgresFact]
    public async Task EveryRow_IsCopiedAsItIs_IdsVersionsAndTimesToTheMicrosecond()
    {
        var sqlite = await site.Sqlite.WithDbAsync(ModelRows.ReadAsync);
        var postgres = await site.Postgres.WithDbAsync(ModelRows.ReadAsync);

        Assert.Equal(sqlite.Keys, postgres.Keys);
        Assert.Contains("PostTags", sqlite.Keys);
        foreach (var table in sqlite.Keys)
            Assert.Equal(sqlite[table], postgres[table]);
        Assert.Contains(postgres["Settings"], row => row.StartsWith("Key=_content_version;"));
        Assert.Contains(postgres["Posts"], row => row.Contains("Status=Draft") && row.Contains("PublishedAt=NULL"));
    }

    /// <summary>A client signed in through the sign-in form, or null when the form refused the password.</summary>
    private static async Task<HttpClient?> SignInAsync(BlogAppFactory app, string password)
    {
        var client = app.CreateFormClient();
        var response = await client.SubmitFormAsync("/admin/login", "form",
            new Dictionary<string, string> { ["Input.UserName"] = CopiedSite.Admin, ["Input.Password"] = password });
        return response.StatusCode == HttpStatusCode.Redirect ? client : null;
    }

    private static async Task<(HttpStatusCode Status, string Body)> GetAsync(BlogAppFactory app, string url)
    {
        var response = await app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetAsync(url);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Where two bodies part, with some context, for the failure message.</summary>
    private static string Difference(string sqlite, string postgres)
    {
        var at = 0;
        while (at < sqlite.Length && at < postgres.Length && sqlite[at] == postgres[at])
            at++;
        var from = Math.Max(0, at - 200);
        return $"SQLite:     ...{sqlite[from..Math.Min(sqlite.Length, at + 200)]}\nPostgreSQL: ...{postgres[from..Math.Min(postgres.Length, at + 200)]}";
    }

    /// <summary>Pages a reader can open: not the admin, not images, styles or scripts (the feeds are listed separately).</summary>
    private static bool IsPublicPage(string href) =>
        href.StartsWith('/') && !href.StartsWith("//") && !href.StartsWith("/admin") && !href.StartsWith("/media/")
        && !Path.HasExtension(href.Split('?', '#')[0]);

    private static string Comparable(string url, string body) =>
        url.StartsWith("/search") ? SearchResultsInAnyOrder(WithMicroseconds(body)) : WithMicroseconds(body);

    /// <summary>
    /// Search finds the same notes on both, title matches first, but orders the rest by each
    /// database's own relevance (FTS5's bm25 on SQLite, ts_rank on PostgreSQL): the results are
    /// compared as a set.
    /// </summary>
    private static string SearchResultsInAnyOrder(string body) => SearchResults().Replace(body, list =>
        string.Concat(ResultItems().Matches(list.Groups[1].Value).Select(m => m.Value).Order(StringComparer.Ordinal)));

    [GeneratedRegex(@"<ol class=""search-results"">(.*?)</ol>", RegexOptions.Singleline)]
    private static partial Regex SearchResults();

    [GeneratedRegex(@"<li>.*?</li>", RegexOptions.Singleline)]
    private static partial Regex ResultItems();

    /// <summary>
    /// The other legitimate difference: a time printed with seven decimals (the article's JSON-LD,
    /// the search results' datetime attributes) shows six on PostgreSQL, whose timestamptz keeps
    /// microseconds; the seventh digit of the SQLite site is dropped from both before comparing.
    /// </summary>
    private static string WithMicroseconds(string body) => SevenDecimals().Replace(body, "$1");

    [GeneratedRegex(@"(T\d\d:\d\d:\d\d\.\d{6})\d")]
    private static partial Regex SevenDecimals();
}
