using AngleSharp.Dom;
using System.Net;
using Blog.Data;
using Blog.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Blog.Tests.Pages.Admin.Posts;

/// <summary>The handlers the editor's script calls: preview and autosave.</summary>
public class EditHandlersTests(BlogAppFactory app) : IClassFixture<BlogAppFactory>
{
    [Fact]
    public async Task Preview_ReturnsWhatThePublishingPipelineRenders()
    {
        var client = await app.SignedInClientAsync();
        var token = await client.AntiforgeryTokenAsync();

        var response = await client.PostFieldsAsync("/admin/posts/new?handler=Preview", token, new Dictionary<string, string>
        {
            ["Input.Markdown"] = "## 公式\n\n行内 \\(a^2+b^2\\) 与 $c$。\n\n```python\nimport torch\n```\n",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.ReadJsonAsync();
        var html = answer.GetProperty("html").GetString()!;
        Assert.Contains("<span class=\"math\"><span class=\"katex\">", html); // typeset by the server, as published
        Assert.Contains("a^2+b^2</annotation>", html);
        Assert.Contains("class=\"language-python\"", html);
        Assert.Contains("id=\"公式\"", html);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, answer.GetProperty("error").ValueKind);
    }

    [Fact]
    public async Task Preview_OfTooDeepMarkdown_CarriesTheError()
    {
        var client = await app.SignedInClientAsync();

        var response = await client.PostFieldsAsync("/admin/posts/new?handler=Preview", await client.AntiforgeryTokenAsync(),
            new Dictionary<string, string> { ["Input.Markdown"] = new string('>', 300) });

        Assert.Contains("too deeply", (await response.ReadJsonAsync()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Preview_WithoutTheAntiforgeryToken_IsRejected()
    {
        var client = await app.SignedInClientAsync();

        var response = await client.PostAsync("/admin/posts/new?handler=Preview",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Markdown"] = "x" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Autosave_WritesOnlyTheSlot_AndTheEditorRestoresItOnReload()
    {
        var post = await app.AddPostAsync(new PostBuilder().WithMarkdown("已发布的正文"));
        var client = await app.SignedInClientAsync();
        var url = $"/admin/posts/{post.Id}";

        var response = await client.PostFieldsAsync($"{url}?handler=Autosave", await client.AntiforgeryTokenAsync(url), new Dictionary<string, string>
        {
            ["Input.Title"] = "还没保存的标题",
            ["Input.Markdown"] = "已发布的正文\n\n还没保存的一段",
            ["Input.Version"] = post.Version.ToString(),
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(post.Id, (await response.ReadJsonAsync()).GetProperty("id").GetInt32());
        var stored = await app.WithDbAsync(db => db.Posts.AsNoTracking().SingleAsync(p => p.Id == post.Id));
        Assert.Equal("已发布的正文", stored.Markdown);
        Assert.Equal(post.Title, stored.Title);
        Assert.Equal(post.Version, stored.Version);
        Assert.Equal("已发布的正文\n\n还没保存的一段", stored.AutosaveMarkdown);
        Assert.Equal(0, await app.WithDbAsync(db => db.Revisions.CountAsync(r => r.PostId == post.Id)));
        Assert.DoesNotContain("还没保存", await client.GetStringAsync($"/posts/{post.Slug}"));

        var editor = await client.GetDocumentAsync(url);
        Assert.Equal("已发布的正文\n\n还没保存的一段", editor.QuerySelector("textarea[name='Input.Markdown']")?.TextContent.TrimStart('\r', '\n'));
        Assert.Equal("还没保存的标题", editor.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("[name='Input.Title']")?.Value);
        Assert.Contains("已恢复未保存的修改", editor.QuerySelector(".editor-restored")?.TextContent);
    }

    [Fact]
    public async Task DiscardingTheAutosave_GoesBackToTheSavedText()
    {
        var post = await app.AddPostAsync(new PostBuilder().WithMarkdown("保存过的"));
        var client = await app.SignedInClientAsync();
        var url = $"/admin/posts/{post.Id}";
        await client.PostFieldsAsync($"{url}?handler=Autosave", await client.AntiforgeryTokenAsync(url), new Dictionary<string, string>
        {
            ["Input.Title"] = post.Title, ["Input.Markdown"] = "自动保存的", ["Input.Version"] = post.Version.ToString(),
        });

        var response = await client.SubmitFormAsync(url, "#discard-autosave");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var editor = await client.GetDocumentAsync(url);
        Assert.Equal("保存过的", editor.QuerySelector("textarea[name='Input.Markdown']")?.TextContent.TrimStart('\r', '\n'));
        Assert.Null(editor.QuerySelector(".editor-restored"));
    }

    [Fact]
    public async Task SavingAfterAnAutosave_EmptiesTheSlot()
    {
        var post = await app.AddPostAsync(new PostBuilder().WithMarkdown("一"));
        var client = await app.SignedInClientAsync();
        var url = $"/admin/posts/{post.Id}";
        await client.PostFieldsAsync($"{url}?handler=Autosave", await client.AntiforgeryTokenAsync(url), new Dictionary<string, string>
        {
            ["Input.Title"] = post.Title, ["Input.Markdown"] = "一二", ["Input.Version"] = post.Version.ToString(),
        });

        await client.SubmitFormAsync(url, Editor.Form, new Dictionary<string, string> { ["Input.Markdown"] = "一二三" }, "更新");

        var stored = await app.WithDbAsync(db => db.Posts.AsNoTracking().SingleAsync(p => p.Id == post.Id));
        Assert.Equal("一二三", stored.Markdown);
        Assert.Null(stored.AutosaveMarkdown);
        Assert.Null(stored.AutosavedAt);
        Assert.NotEqual(post.Version, stored.Version);
    }

    [Fact]
    public async Task Autosave_OverAnOutdatedVersion_IsRefusedAndLeavesTheSlotAlone()
    {
        var post = await app.AddPostAsync(new PostBuilder());
        var client = await app.SignedInClientAsync();
        var url = $"/admin/posts/{post.Id}";

        var response = await client.PostFieldsAsync($"{url}?handler=Autosave", await client.AntiforgeryTokenAsync(url), new Dictionary<string, string>
        {
            ["Input.Title"] = "旧标签页", ["Input.Markdown"] = "旧标签页的文字", ["Input.Version"] = Guid.NewGuid().ToString(),
        });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.True((await response.ReadJsonAsync()).GetProperty("conflict").GetBoolean());
        Assert.Null(await app.WithDbAsync(db => db.Posts.Where(p => p.Id == post.Id).Select(p => p.AutosaveMarkdown).SingleAsync()));
    }

    [Fact]
    public async Task FirstAutosaveOfANewPost_CreatesADraftToKeepTheText()
    {
        var client = await app.SignedInClientAsync();

        var response = await client.PostFieldsAsync("/admin/posts/new?handler=Autosave", await client.AntiforgeryTokenAsync(),
            new Dictionary<string, string> { ["Input.Title"] = "", ["Input.Markdown"] = "刚开始写" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.ReadJsonAsync();
        var id = answer.GetProperty("id").GetInt32();
        Assert.Equal($"/admin/posts/{id}", answer.GetProperty("url").GetString());
        var post = await app.WithDbAsync(db => db.Posts.AsNoTracking().SingleAsync(p => p.Id == id));
        Assert.Equal(PostStatus.Draft, post.Status);
        Assert.Equal("无标题草稿", post.Title);
        Assert.StartsWith("untitled-draft", post.Slug);
        Assert.Equal("刚开始写", post.Markdown);
        Assert.Equal(post.Version.ToString(), answer.GetProperty("version").GetString());

        var editor = await client.GetDocumentAsync($"/admin/posts/{id}");
        Assert.Equal("刚开始写", editor.QuerySelector("textarea[name='Input.Markdown']")?.TextContent.TrimStart('\r', '\n'));
        Assert.Equal("True", editor.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("[name='Input.SlugFromTitle']")?.Value);
    }

    [Fact]
    public async Task AnAutosavedDraft_GetsItsSlugFromTheTitleAtItsFirstSave()
    {
        var client = await app.SignedInClientAsync();
        var created = await client.PostFieldsAsync("/admin/posts/new?handler=Autosave", await client.AntiforgeryTokenAsync(),
            new Dictionary<string, string> { ["Input.Title"] = "", ["Input.Markdown"] = "正文" });
        var id = (await created.ReadJsonAsync()).GetProperty("id").GetInt32();
        var title = "扩散模型 " + Guid.NewGuid().ToString("N")[..6];

        await client.SubmitFormAsync($"/admin/posts/{id}", Editor.Form, new Dictionary<string, string> { ["Input.Title"] = title }, "保存草稿");

        var slug = await app.WithDbAsync(db => db.Posts.Where(p => p.Id == id).Select(p => p.Slug).SingleAsync());
        Assert.StartsWith("扩散模型-", slug);
    }
}
