using AngleSharp.Dom;
using System.Net;
using Blog.Data;
using Blog.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Blog.Tests.Pages.Admin.Posts;

public class EditTests(BlogAppFactory app) : IClassFixture<BlogAppFactory>
{
    private static string Unique(string stem) => $"{stem} {Guid.NewGuid().ToString("N")[..8]}";

    private Task<Post> StoredAsync(int id) =>
        app.WithDbAsync(db => db.Posts.AsNoTracking().Include(p => p.Tags).SingleAsync(p => p.Id == id));

    private async Task<(HttpClient Client, int Id, string Slug)> PublishAsync(string title, string markdown)
    {
        var client = await app.SignedInClientAsync();
        var slug = "p-" + Guid.NewGuid().ToString("N")[..10];
        var id = (await client.SubmitFormAsync("/admin/posts/new", Editor.Form, Editor.Fields(title, markdown, slug), "立即发布")).SavedPostId();
        return (client, id, slug);
    }

    [Fact]
    public async Task SaveDraft_CreatesAPostThatReadersCannotSee()
    {
        var client = await app.SignedInClientAsync();
        var title = Unique("草稿 Draft");

        var response = await client.SubmitFormAsync("/admin/posts/new", Editor.Form, new Dictionary<string, string>
        {
            ["Input.Title"] = title,
            ["Input.Markdown"] = "第一段 **加粗**。\r\n\r\n第二段。",
            ["Input.Tags"] = "Transformer，注意力机制, transformer、LoRA",
            ["Input.Summary"] = "我的摘要",
        }, "保存草稿");

        var post = await StoredAsync(response.SavedPostId());
        Assert.Equal(PostStatus.Draft, post.Status);
        Assert.Null(post.PublishedAt);
        Assert.Equal("第一段 **加粗**。\n\n第二段。", post.Markdown); // the textarea's CRLF stored as LF
        Assert.Contains("<strong>加粗</strong>", post.Html);
        Assert.Equal("我的摘要", post.Summary);
        Assert.Equal(["LoRA", "Transformer", "注意力机制"], post.Tags.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/posts/{Uri.EscapeDataString(post.Slug)}")).StatusCode);
        Assert.DoesNotContain(title, await client.GetStringAsync("/"));
    }

    [Fact]
    public async Task NewPost_ChineseTitle_GetsAChineseSlug()
    {
        var client = await app.SignedInClientAsync();
        var title = "注意力机制笔记 " + Guid.NewGuid().ToString("N")[..6];

        var response = await client.SubmitFormAsync("/admin/posts/new", Editor.Form,
            new Dictionary<string, string> { ["Input.Title"] = title, ["Input.Slug"] = "", ["Input.Markdown"] = "正文" }, "保存草稿");

        var post = await StoredAsync(response.SavedPostId());
        Assert.StartsWith("注意力机制笔记-", post.Slug);
    }

    [Fact]
    public async Task NewPostPage_LetsTheSlugFollowTheTitle()
    {
        var client = await app.SignedInClientAsync();

        var form = await client.OpenEditorAsync("/admin/posts/new");

        Assert.Equal("True", form.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("[name='Input.SlugFromTitle']")?.Value);
        Assert.NotNull(form.QuerySelector(".article-body#preview"));
    }

    [Fact]
    public async Task PublishNow_ShowsThePostOnTheHomePageAndAtItsSlug()
    {
        var title = Unique("发布 Publish");

        var (client, id, slug) = await PublishAsync(title, "公式 $E=mc^2$ 与代码。");

        var post = await StoredAsync(id);
        Assert.Equal(PostStatus.Published, post.Status);
        Assert.NotNull(post.PublishedAt);
        Assert.Contains(title, await client.GetStringAsync("/"));
        var article = await client.GetDocumentAsync($"/posts/{slug}");
        Assert.Equal(title, article.QuerySelector("h1.article-title")?.TextContent);
    }

    [Fact]
    public async Task Schedule_WithADateThatDoesNotParse_IsRefusedAndTheTextKept()
    {
        var client = await app.SignedInClientAsync();
        var fields = Editor.Fields(Unique("坏日期"), "保留我的文字");
        fields["Input.PublishAt"] = "next tuesday";

        var response = await client.SubmitFormAsync("/admin/posts/new", Editor.Form, fields, "定时发布");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Contains("“next tuesday”不是日期时间", page.QuerySelector(".form-errors")?.TextContent);
        Assert.Equal("保留我的文字", page.QuerySelector("textarea[name='Input.Markdown']")?.TextContent.TrimStart('\r', '\n'));
    }

    [Fact]
    public async Task Unpublish_TakesThePostOffTheSite_AndRepublishingKeepsItsDate()
    {
        var title = Unique("撤回 Unpublish");
        var (client, id, slug) = await PublishAsync(title, "正文");
        var firstDate = (await StoredAsync(id)).PublishedAt;

        var unpublished = await client.SubmitFormAsync($"/admin/posts/{id}", Editor.Form, button: "撤回发布");

        Assert.Equal(id, unpublished.SavedPostId());
        Assert.Equal(PostStatus.Draft, (await StoredAsync(id)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/posts/{slug}")).StatusCode);
        Assert.DoesNotContain(title, await client.GetStringAsync("/"));

        await client.SubmitFormAsync($"/admin/posts/{id}", Editor.Form, button: "立即发布");

        var post = await StoredAsync(id);
        Assert.Equal(PostStatus.Published, post.Status);
        Assert.Equal(firstDate, post.PublishedAt);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/posts/{slug}")).StatusCode);
    }

    [Fact]
    public async Task ChangingTheSlugOfAPublishedPost_LeavesA301AtTheOldUrl()
    {
        var (client, id, oldSlug) = await PublishAsync(Unique("改名 Rename"), "正文");
        var newSlug = oldSlug + "-新";

        await client.SubmitFormAsync($"/admin/posts/{id}", Editor.Form, new Dictionary<string, string> { ["Input.Slug"] = newSlug }, "更新");

        Assert.Equal(newSlug, (await StoredAsync(id)).Slug);
        var old = await client.GetAsync($"/posts/{oldSlug}");
        Assert.Equal(HttpStatusCode.MovedPermanently, old.StatusCode);
        Assert.Equal($"/posts/{Uri.EscapeDataString(newSlug)}", old.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/posts/{Uri.EscapeDataString(newSlug)}")).StatusCode);
    }

    [Fact]
    public async Task TakingBackAnOldSlug_DropsItsRedirect()
    {
        var (client, id, first) = await PublishAsync(Unique("来回 Back and forth"), "正文");
        await client.SubmitFormAsync($"/admin/posts/{id}", Editor.Form, new Dictionary<string, string> { ["Input.Slug"] = first + "-b" }, "更新");

        await client.SubmitFormAsync($"/admin/posts/{id}", Editor.Form, new Dictionary<string, string> { ["Input.Slug"] = first }, "更新");

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/posts/{first}")).StatusCode);
        Assert.Equal(HttpStatusCode.MovedPermanently, (await client.GetAsync($"/posts/{first}-b")).StatusCode);
        var redirects = await app.WithDbAsync(db => db.SlugRedirects.Where(r => r.TargetId == id).Select(r => r.Slug).ToListAsync());
        Assert.Equal([first + "-b"], redirects);
    }

    [Fact]
    public async Task ASlugTakenByAnotherPost_IsRefusedAndTheFormKept()
    {
        var taken = await app.AddPostAsync(new PostBuilder("已有的文章"));
        var client = await app.SignedInClientAsync();

        var response = await client.SubmitFormAsync("/admin/posts/new", Editor.Form,
            Editor.Fields("新文章 " + Guid.NewGuid(), "我写了很久的正文\n第二行", taken.Slug), "保存草稿");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        var errors = page.QuerySelector(".form-errors")?.TextContent;
        Assert.Contains($"别名“{taken.Slug}”已被另一篇文章“已有的文章”使用", errors);
        Assert.Contains($"{taken.Slug}-2", errors);
        Assert.Equal(taken.Slug, page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("[name='Input.Slug']")?.Value);
        Assert.Equal("我写了很久的正文\n第二行", page.QuerySelector("textarea[name='Input.Markdown']")?.TextContent.TrimStart('\r', '\n'));
        Assert.Equal(1, await app.WithDbAsync(db => db.Posts.CountAsync(p => p.Slug == taken.Slug)));
    }

    [Fact]
    public async Task AnEmptyTitle_IsRefusedAndTheMarkdownKept()
    {
        var client = await app.SignedInClientAsync();
        var before = await app.WithDbAsync(db => db.Posts.CountAsync());

        var response = await client.SubmitFormAsync("/admin/posts/new", Editor.Form, Editor.Fields("   ", "一段不能丢的文字 $x^2$"), "立即发布");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Contains("请给文章起个标题。", page.QuerySelector(".form-errors")?.TextContent);
        Assert.Equal("一段不能丢的文字 $x^2$", page.QuerySelector("textarea[name='Input.Markdown']")?.TextContent.TrimStart('\r', '\n'));
        Assert.Equal("false", page.QuerySelector(Editor.Form)?.GetAttribute("data-persisted"));
        Assert.Equal(before, await app.WithDbAsync(db => db.Posts.CountAsync()));
    }

    [Fact]
    public async Task TooDeeplyNestedMarkdown_IsSavedAndTheEditorSaysWhy()
    {
        var client = await app.SignedInClientAsync();
        var markdown = new string('>', 200) + " 嵌套太深";

        var response = await client.SubmitFormAsync("/admin/posts/new", Editor.Form, Editor.Fields(Unique("太深"), markdown), "保存草稿");

        var id = response.SavedPostId();
        var post = await StoredAsync(id);
        Assert.Equal(markdown, post.Markdown);
        Assert.NotNull(post.RenderError);
        var editor = await client.GetDocumentAsync($"/admin/posts/{id}");
        Assert.Contains("too deeply", editor.QuerySelector("#render-error")?.TextContent);
        Assert.Null(editor.QuerySelector("#render-error")?.GetAttribute("hidden"));
    }

    [Fact]
    public async Task TwoMegabytesOfMarkdown_AreAccepted()
    {
        var client = await app.SignedInClientAsync();
        var paragraph = "注意力机制 Attention 把查询 $q$ 与键 $k$ 的相似度变成权重。\n\n";
        var markdown = string.Concat(Enumerable.Repeat(paragraph, 2 * 1024 * 1024 / paragraph.Length + 1));

        var response = await client.SubmitFormAsync("/admin/posts/new", Editor.Form, Editor.Fields(Unique("长文"), markdown), "保存草稿");

        var post = await StoredAsync(response.SavedPostId());
        Assert.Equal(markdown.Length, post.Markdown.Length);
        // A 2 MB note renders in about half a second, within its 1.8 s budget; on a test machine busy
        // with other builds, in a process whose code is not optimised yet, it can run out of time:
        // then it is kept as typed and the save says so, which is what the author would see too.
        Assert.True(post.RenderError is null || post.RenderError.Contains("too complex to render in time"), post.RenderError);
    }

    [Fact]
    public async Task HtmlInTitleAndTags_IsShownAsText()
    {
        var title = "<script>alert('t')</script> " + Guid.NewGuid().ToString("N")[..6];
        var (client, id, slug) = await PublishAsync(title, "正文");
        await client.SubmitFormAsync($"/admin/posts/{id}", Editor.Form, new Dictionary<string, string> { ["Input.Tags"] = "<b>粗</b>, <img src=x onerror=alert(1)>" }, "更新");

        foreach (var url in new[] { $"/admin/posts/{id}", $"/posts/{slug}", "/" })
        {
            var html = await client.GetStringAsync(url);
            Assert.DoesNotContain("<script>alert('t')", html);
            Assert.DoesNotContain("<img src=x", html);
            Assert.DoesNotContain("<b>粗</b>", html);
        }
        var editor = await client.GetDocumentAsync($"/admin/posts/{id}");
        Assert.Equal(title, editor.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("[name='Input.Title']")?.Value);
    }

    [Fact]
    public async Task Editor_OfAPostThatDoesNotExist_IsNotFound()
    {
        var client = await app.SignedInClientAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/admin/posts/987654")).StatusCode);
    }
}
