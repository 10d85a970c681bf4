using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Blog.Data;
using Blog.Tests.Import;
using Blog.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Blog.Tests.Localization;

/// <summary>
/// Every admin page a signed-in author can reach by following links, with data on it, speaks
/// Simplified Chinese: no English interface words are left outside the author's own content.
/// The pages are found by crawling, so a page added later is checked without being listed here.
/// </summary>
public partial class AdminInChineseTests(BlogAppFactory app) : IClassFixture<BlogAppFactory>
{
    /// <summary>
    /// Words that only an untranslated label, button, hint or message would show. Technical
    /// names that stay as they are in Chinese (Markdown, PNG, RSS, URL paths, front matter
    /// fields in code, command-line options such as --file=blog.dump) are not words of this list.
    /// </summary>
    private static readonly HashSet<string> InterfaceWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "and", "or", "of", "to", "in", "on", "for", "with", "from", "by", "is", "are", "was", "be", "it", "its",
        "this", "that", "no", "not", "yet", "your", "you", "all", "any", "will", "can", "has", "have", "here", "what",
        "save", "saved", "delete", "deleted", "edit", "cancel", "create", "new", "name", "description", "order",
        "post", "posts", "tags", "category", "categories", "image", "images", "media", "export", "backup",
        "download", "upload", "revision", "revisions", "restore", "trash", "draft", "drafts", "published", "scheduled",
        "settings", "password", "current", "change", "changes", "title", "size", "characters", "line", "lines",
        "added", "removed", "move", "up", "down", "empty", "more", "back", "page", "older", "newer", "search",
        "filter", "status", "actions", "rename", "merge", "file", "outcome", "message", "summary", "language",
        "time", "zone", "preview", "write", "publish", "unpublish", "view", "site", "sign", "out", "home",
        "dashboard", "recent", "none", "only", "every", "when", "imported", "updated", "skipped", "failed",
        "linked", "choose", "enter", "keep", "within", "already", "exists", "nothing", "undone",
    };

    // Content the author wrote, shown as typed: the editor's text and preview, code, formulas.
    private const string AuthorsContent = "script, style, template, textarea, code, pre, .article-body, .katex";

    [GeneratedRegex(@"\S*[/_=]\S*|(?<!\S)--?\w\S*")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"[A-Za-z]+")]
    private static partial Regex LatinWord();

    [Fact]
    public async Task EveryAdminPage_WithData_ShowsNoEnglishInterfaceWords()
    {
        var author = await app.SignedInClientAsync();
        await AddNotesAsync();
        var pages = new Dictionary<string, IDocument>();
        await CrawlAsync(author, "/admin", pages);
        pages["report of an import"] = await ImportReportAsync(author);
        pages["a refused new category"] = await (await author.SubmitFormAsync("/admin/categories", "#new-category",
            new Dictionary<string, string> { ["Input.Name"] = "强化学习" })).ReadDocumentAsync();
        var trashed = await author.PostWithTokenAsync("/admin/posts?handler=Trash", new Dictionary<string, string> { ["id"] = (await PostIdAsync("价值函数草稿")).ToString() });
        pages["a post moved to the trash"] = await author.FollowAsync(trashed);

        var content = await AuthorsStringsAsync();
        var english = pages.SelectMany(page => EnglishWords(page.Value, content).Select(words => $"{page.Key}: {words}")).ToList();

        Assert.True(pages.Count >= 20, $"only {pages.Count} admin pages were reached: {string.Join(", ", pages.Keys)}");
        Assert.Contains(pages.Keys, url => url.Contains("/revisions/"));
        Assert.Contains(pages.Keys, url => url.StartsWith("/admin/media/") && url.EndsWith("/delete"));
        Assert.True(english.Count == 0, "English interface text in the admin:\n" + string.Join("\n", english));
    }

    private async Task AddNotesAsync()
    {
        const string markdown = """
            ## 策略梯度

            目标函数 $J(\theta)=\mathbb{E}_{\tau\sim\pi_\theta}[R(\tau)]$ 的梯度为

            $$\nabla_\theta J(\theta)=\mathbb{E}\left[\sum_t \nabla_\theta \log \pi_\theta(a_t|s_t)\, G_t\right]$$

            ```python
            loss = -(log_probs * returns).sum()
            loss.backward()
            ```
            """;
        await app.WithDbAsync(async db =>
        {
            db.Categories.Add(new Category { Name = "强化学习", Slug = "qiang-hua-xue-xi", Description = "智能体与环境交互的笔记", Order = 10 });
            await db.SaveChangesAsync();
        });
        var image = await app.AddImageAsync(originalName: "回报曲线.png");
        var post = await app.AddPostAsync(new PostBuilder("策略梯度定理").InCategory("qiang-hua-xue-xi").WithTags("策略梯度", "蒙特卡洛")
            .WithMarkdown(markdown + $"\n![每回合回报]({image})\n").PublishedAt(DateTime.UtcNow.AddDays(-2)));
        await app.AddPostAsync(new PostBuilder("价值函数草稿").AsDraft().WithTags("策略梯度"));
        await app.AddPostAsync(new PostBuilder("演员-评论家方法").ScheduledAt(DateTime.UtcNow.AddDays(3)).InCategory("qiang-hua-xue-xi"));
        await app.AddPostAsync(new PostBuilder("废弃的旧笔记").Trashed());
        await app.WithDbAsync(async db =>
        {
            db.Revisions.Add(new Revision { PostId = post.Id, Title = "策略梯度", Markdown = "## 策略梯度\n\n旧的推导\n\n" + markdown, SavedAt = DateTime.UtcNow.AddDays(-1) });
            await db.SaveChangesAsync();
        });
    }

    private static async Task CrawlAsync(HttpClient author, string start, Dictionary<string, IDocument> pages)
    {
        var queue = new Queue<string>([start]);
        var seen = new HashSet<string> { start };
        while (queue.TryDequeue(out var url) && pages.Count < 80)
        {
            var page = await author.GetDocumentAsync(url);
            pages[url] = page;
            foreach (var link in page.QuerySelectorAll("a[href^='/admin']").Select(a => a.GetAttribute("href")!.Split('#')[0]))
            {
                if (!link.StartsWith("/admin/logout") && seen.Add(link))
                    queue.Enqueue(link);
            }
        }
    }

    private static async Task<IDocument> ImportReportAsync(HttpClient author)
    {
        using var notes = new NoteFolder();
        notes.Write("rl/时序差分.md", StudyNotes.WithFrontMatter($"title: 时序差分 {notes.Id}\ntags: [强化学习]", "TD 误差 $\\delta_t = r_t + \\gamma V(s_{t+1}) - V(s_t)$。"));
        var response = await author.SubmitMultipartFormAsync("/admin/import", "form.import-form",
            [new FormFile("Input.Zip", "强化学习.zip", notes.Zip(), "application/zip")], new Dictionary<string, string> { ["Input.DryRun"] = "true" });
        return await response.ReadDocumentAsync();
    }

    private Task<int> PostIdAsync(string title) => app.WithDbAsync(db => db.Posts.Where(p => p.Title == title).Select(p => p.Id).SingleAsync());

    /// <summary>Everything the author (or the seed) named: titles, slugs, names, descriptions, settings, file names.</summary>
    private Task<List<string>> AuthorsStringsAsync() => app.WithDbAsync(async db =>
    {
        var strings = new List<string?>();
        strings.AddRange(await db.Posts.Select(p => p.Title).ToListAsync());
        strings.AddRange(await db.Posts.Select(p => p.Slug).ToListAsync());
        strings.AddRange(await db.Revisions.Select(r => r.Title).ToListAsync());
        strings.AddRange(await db.Categories.Select(c => c.Name).ToListAsync());
        strings.AddRange(await db.Categories.Select(c => c.Slug).ToListAsync());
        strings.AddRange(await db.Categories.Select(c => c.Description).ToListAsync());
        strings.AddRange(await db.Tags.Select(t => t.Name).ToListAsync());
        strings.AddRange(await db.Tags.Select(t => t.Slug).ToListAsync());
        strings.AddRange(await db.Media.Select(m => m.OriginalName).ToListAsync());
        strings.AddRange(await db.Media.Select(m => m.Description).ToListAsync());
        strings.AddRange(await db.Users.Select(u => u.UserName).ToListAsync());
        strings.AddRange(await db.Settings.Select(s => s.Value).ToListAsync());
        return strings.OfType<string>().Where(s => s.Length > 1).Distinct().OrderByDescending(s => s.Length).ToList();
    });

    /// <summary>Runs of interface words in what the page shows or says aloud (labels, titles, alt texts), the author's content left out.</summary>
    private static IEnumerable<string> EnglishWords(IDocument page, List<string> authorsStrings)
    {
        var texts = new List<string>();
        foreach (var node in page.Descendants<IText>())
        {
            if (node.ParentElement is { } parent && parent.Closest(AuthorsContent) is null)
                texts.Add(node.Data);
        }
        foreach (var element in page.QuerySelectorAll("[title], [aria-label], [placeholder], [alt], [data-label]"))
        {
            if (element.Closest(AuthorsContent) is null)
                texts.AddRange(new[] { "title", "aria-label", "placeholder", "alt", "data-label" }.Select(element.GetAttribute).OfType<string>());
        }
        texts.AddRange(page.QuerySelectorAll("input[type=submit], input[type=button]").Select(b => b.GetAttribute("value")).OfType<string>());
        foreach (var text in texts)
        {
            // Paths and identifiers (/category/rl, Blog__MediaPath, Europe/Isle_of_Man) are not sentences.
            var shown = Identifier().Replace(authorsStrings.Aggregate(text, (rest, own) => rest.Replace(own, " ")), " ");
            var words = LatinWord().Matches(shown).Select(m => m.Value).Where(InterfaceWords.Contains).ToList();
            if (words.Count > 0)
                yield return $"“{string.Join(" ", words)}” in “{Regex.Replace(shown.Trim(), @"\s+", " ")}”";
        }
    }
}
