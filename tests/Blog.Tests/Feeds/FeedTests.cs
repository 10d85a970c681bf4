using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Xml.Linq;
using Blog.Content;
using Blog.Data;
using Blog.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Blog.Tests.Feeds;

public class FeedTests(BlogAppFactory app) : IClassFixture<BlogAppFactory>
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace Content = "http://purl.org/rss/1.0/modules/content/";

    private const string Note = """
        设 $a_1 + b_1$ 为输入。参见[上一篇](/posts/earlier-note)与[小节](#方法)。

        ![示意图](/media/figure.png)

        ## 方法

        ```python
        x = torch.randn(2, 3)
        ```
        """;

    private async Task<XDocument> GetXmlAsync(string url, string expectedType)
    {
        var response = await app.CreateClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expectedType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        return XDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    private static DateTime Recent(int secondsAgo) => DateTime.UtcNow.AddSeconds(-secondsAgo);

    [Fact]
    public async Task Rss_HasNewestPublishedPostsWithFullAbsoluteContent()
    {
        var older = await app.AddPostAsync(new PostBuilder("订阅 较早").PublishedAt(Recent(60)));
        var newer = await app.AddPostAsync(new PostBuilder("订阅 较新").InCategory("python").WithTags("PyTorch", "张量")
            .WithMarkdown(Note).WithSummary("张量运算入门").PublishedAt(Recent(30)));
        await app.AddPostAsync(new PostBuilder("订阅 草稿").AsDraft());
        await app.AddPostAsync(new PostBuilder("订阅 定时").ScheduledAt(DateTime.UtcNow.AddHours(1)));
        await app.AddPostAsync(new PostBuilder("订阅 回收").Trashed());

        var rss = await GetXmlAsync("/feed.xml", "application/rss+xml");

        var items = rss.Descendants("item").ToList();
        var titles = items.Select(i => i.Element("title")!.Value).ToList();
        Assert.True(titles.IndexOf(newer.Title) < titles.IndexOf(older.Title));
        Assert.DoesNotContain(titles, t => t is "订阅 草稿" or "订阅 定时" or "订阅 回收");
        var item = items.Single(i => i.Element("title")!.Value == newer.Title);
        Assert.Equal($"http://localhost/posts/{newer.Slug}", item.Element("link")!.Value);
        Assert.Equal("张量运算入门", item.Element("description")!.Value);
        Assert.Equal(new[] { "PyTorch", "Python", "张量" }.Order(StringComparer.Ordinal), item.Elements("category").Select(c => c.Value).Order(StringComparer.Ordinal));
        DateTime.ParseExact(item.Element("pubDate")!.Value, "ddd, dd MMM yyyy HH:mm:ss 'GMT'", CultureInfo.InvariantCulture);
        var html = item.Element(Content + "encoded")!.Value;
        Assert.Contains("href=\"http://localhost/posts/earlier-note\"", html);
        Assert.Contains("src=\"http://localhost/media/figure.png\"", html);
        Assert.Contains($"href=\"http://localhost/posts/{newer.Slug}#%E6%96%B9%E6%B3%95\"", html);
        Assert.Contains("<math xmlns=\"http://www.w3.org/1998/Math/MathML\">", html);
        Assert.Contains("language-python", html);
    }

    [Fact]
    public async Task Atom_HasRfc3339DatesSummaryAndHtmlContent()
    {
        var post = await app.AddPostAsync(new PostBuilder("原子 订阅").WithMarkdown(Note).PublishedAt(Recent(20)));

        var atom = await GetXmlAsync("/atom.xml", "application/atom+xml");

        var entry = atom.Descendants(Atom + "entry").Single(e => e.Element(Atom + "title")!.Value == post.Title);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", entry.Element(Atom + "published")!.Value);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", entry.Element(Atom + "updated")!.Value);
        Assert.Equal("html", entry.Element(Atom + "content")!.Attribute("type")!.Value);
        Assert.Contains("src=\"http://localhost/media/figure.png\"", entry.Element(Atom + "content")!.Value);
        Assert.StartsWith("设 a₁ + b₁ 为输入", entry.Element(Atom + "summary")!.Value);
        Assert.Equal($"http://localhost/posts/{post.Slug}", entry.Element(Atom + "link")!.Attribute("href")!.Value);
    }

    [Fact]
    public async Task EntryId_StaysTheSameWhenTitleAndSlugChange()
    {
        var post = await app.AddPostAsync(new PostBuilder("改名前").PublishedAt(Recent(10)));
        var before = (await GetXmlAsync("/atom.xml", "application/atom+xml")).Descendants(Atom + "entry")
            .Single(e => e.Element(Atom + "title")!.Value == "改名前").Element(Atom + "id")!.Value;

        await app.WithDbAsync(async db =>
        {
            var stored = await db.Posts.SingleAsync(p => p.Id == post.Id);
            stored.ReplaceText("改名后", stored.Markdown);
            stored.Rename("renamed-" + post.Slug, DateTime.UtcNow);
            stored.CompleteSave(app.Services.GetRequiredService<MarkdownRenderer>().Render(stored.Markdown), DateTime.UtcNow);
            await db.SaveChangesAsync();
        });
        var after = (await GetXmlAsync("/atom.xml", "application/atom+xml")).Descendants(Atom + "entry")
            .Single(e => e.Element(Atom + "title")!.Value == "改名后").Element(Atom + "id")!.Value;

        Assert.Equal(before, after);
    }

    [Fact]
    public async Task CategoryFeeds_HoldOnlyThatCategory()
    {
        var inCategory = await app.AddPostAsync(new PostBuilder("分类订阅 生成").InCategory("generative-model").PublishedAt(Recent(5)));
        var elsewhere = await app.AddPostAsync(new PostBuilder("分类订阅 其他").InCategory("python").PublishedAt(Recent(5)));

        var rss = await GetXmlAsync("/category/generative-model/feed.xml", "application/rss+xml");
        var atom = await GetXmlAsync("/category/generative-model/atom.xml", "application/atom+xml");

        var rssTitles = rss.Descendants("item").Select(i => i.Element("title")!.Value).ToList();
        Assert.Contains(inCategory.Title, rssTitles);
        Assert.DoesNotContain(elsewhere.Title, rssTitles);
        Assert.Contains(atom.Descendants(Atom + "entry"), e => e.Element(Atom + "title")!.Value == inCategory.Title);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync("/category/nope/feed.xml")).StatusCode);
    }

    [Fact]
    public async Task ConditionalRequest_Answers304UntilTheContentChanges()
    {
        var client = app.CreateClient();
        var first = await client.GetAsync("/feed.xml");
        var etag = first.Headers.ETag!;
        Assert.NotNull(first.Content.Headers.LastModified);

        var again = new HttpRequestMessage(HttpMethod.Get, "/feed.xml");
        again.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(again)).StatusCode);

        await app.AddPostAsync(new PostBuilder("条件请求 新文").PublishedAt(Recent(1)));
        var afterChange = new HttpRequestMessage(HttpMethod.Get, "/feed.xml");
        afterChange.Headers.IfNoneMatch.Add(etag);
        var changed = await client.SendAsync(afterChange);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Contains("条件请求 新文", await changed.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Sitemap_ListsHomePublishedPostsCategoriesAndTags()
    {
        var post = await app.AddPostAsync(new PostBuilder("站点地图").InCategory("large-model").WithTags("地图标签"));
        var draft = await app.AddPostAsync(new PostBuilder("站点地图 草稿").AsDraft());

        var sitemap = await GetXmlAsync("/sitemap.xml", "application/xml");

        XNamespace ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
        var locations = sitemap.Descendants(ns + "loc").Select(l => l.Value).ToList();
        Assert.Contains("http://localhost/", locations);
        Assert.Contains($"http://localhost/posts/{post.Slug}", locations);
        Assert.DoesNotContain($"http://localhost/posts/{draft.Slug}", locations);
        Assert.Contains("http://localhost/category/large-model", locations);
        Assert.Contains("http://localhost/tag/%E5%9C%B0%E5%9B%BE%E6%A0%87%E7%AD%BE", locations);
        var entry = sitemap.Descendants(ns + "url").Single(u => u.Element(ns + "loc")!.Value.EndsWith(post.Slug));
        Assert.NotNull(entry.Element(ns + "lastmod"));
    }
}
