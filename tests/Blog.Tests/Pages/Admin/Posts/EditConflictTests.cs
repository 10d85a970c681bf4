using System.Net;
using Blog.Content;
using Blog.Data;
using Blog.Posts;
using Blog.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Blog.Tests.Pages.Admin.Posts;

/// <summary>Two tabs (or two authors) on one post: a save based on an older version is refused, never applied.</summary>
public class EditConflictTests(BlogAppFactory app) : IClassFixture<BlogAppFactory>
{
    [Fact]
    public async Task SaveOverANewerSave_IsRefusedWithTheDifference_AndNothingIsOverwritten()
    {
        var post = await app.AddPostAsync(new PostBuilder().WithMarkdown("第一行\n第二行\n第三行\n"));
        var client = await app.SignedInClientAsync();
        var url = $"/admin/posts/{post.Id}";
        var staleTab = await client.OpenEditorAsync(url);
        await client.SubmitFormAsync(url, Editor.Form, new Dictionary<string, string> { ["Input.Markdown"] = "第一行\n另一个标签页改的\n第三行\n" }, "更新");

        var response = await client.SubmitAsync(staleTab, new Dictionary<string, string> { ["Input.Markdown"] = "第一行\n我改的第二行\n第三行\n" }, "更新");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        var conflict = page.QuerySelector(".editor-conflict");
        Assert.NotNull(conflict);
        Assert.Contains("没有覆盖任何内容", conflict.TextContent);
        Assert.Equal(["另一个标签页改的"], conflict.QuerySelectorAll("tr.diff-removed .diff-text").Select(td => td.TextContent));
        Assert.Equal(["我改的第二行"], conflict.QuerySelectorAll("tr.diff-added .diff-text").Select(td => td.TextContent));
        Assert.Equal("第一行\n我改的第二行\n第三行\n", page.QuerySelector("textarea[name='Input.Markdown']")?.TextContent.TrimStart('\r', '\n'));
        Assert.Equal("第一行\n另一个标签页改的\n第三行\n", (await MarkdownOf(post.Id)));
    }

    [Fact]
    public async Task AfterSeeingTheDifference_TheAuthorCanOverwriteDeliberately()
    {
        var post = await app.AddPostAsync(new PostBuilder().WithMarkdown("原文"));
        var client = await app.SignedInClientAsync();
        var url = $"/admin/posts/{post.Id}";
        var staleTab = await client.OpenEditorAsync(url);
        await client.SubmitFormAsync(url, Editor.Form, new Dictionary<string, string> { ["Input.Markdown"] = "别处的修改" }, "更新");
        var refused = await (await client.SubmitAsync(staleTab, new Dictionary<string, string> { ["Input.Markdown"] = "我的版本" }, "更新")).ReadDocumentAsync();
        refused.Location.Href = "http://localhost" + url;

        var response = await client.SubmitAsync((AngleSharp.Html.Dom.IHtmlFormElement)refused.QuerySelector(Editor.Form)!, button: "用我的版本覆盖");

        Assert.Equal(post.Id, response.SavedPostId());
        Assert.Equal("我的版本", await MarkdownOf(post.Id));
        // The text it replaced is not lost either.
        var revisions = await app.WithDbAsync(db => db.Revisions.Where(r => r.PostId == post.Id).Select(r => r.Markdown).ToListAsync());
        Assert.Contains("别处的修改", revisions);
    }

    [Fact]
    public async Task ARaceBetweenTwoSaves_IsCaughtByTheConcurrencyToken()
    {
        var post = await app.AddPostAsync(new PostBuilder());
        using var first = app.Services.CreateScope();
        using var second = app.Services.CreateScope();
        var a = await first.ServiceProvider.GetRequiredService<BlogDbContext>().Posts.SingleAsync(p => p.Id == post.Id);
        var bContext = second.ServiceProvider.GetRequiredService<BlogDbContext>();
        var b = await bContext.Posts.SingleAsync(p => p.Id == post.Id);
        var renderer = app.Services.GetRequiredService<MarkdownRenderer>();

        b.ReplaceText(b.Title, "B 先保存");
        b.CompleteSave(renderer.Render(b.Markdown), DateTime.UtcNow);
        await bContext.SaveChangesAsync();
        a.ReplaceText(a.Title, "A 后保存");
        a.CompleteSave(renderer.Render(a.Markdown), DateTime.UtcNow);

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => first.ServiceProvider.GetRequiredService<BlogDbContext>().SaveChangesAsync());
        Assert.Equal("B 先保存", await MarkdownOf(post.Id));
    }

    [Fact]
    public async Task ASaveWithoutAVersion_IsRefused()
    {
        var post = await app.AddPostAsync(new PostBuilder().WithMarkdown("保持不变"));
        var client = await app.SignedInClientAsync();

        var response = await client.SubmitFormAsync($"/admin/posts/{post.Id}", Editor.Form,
            new Dictionary<string, string> { ["Input.Version"] = "", ["Input.Markdown"] = "覆盖？" }, "更新");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull((await response.ReadDocumentAsync()).QuerySelector(".editor-conflict"));
        Assert.Equal("保持不变", await MarkdownOf(post.Id));
    }

    private Task<string> MarkdownOf(int id) =>
        app.WithDbAsync(db => db.Posts.Where(p => p.Id == id).Select(p => p.Markdown).SingleAsync());
}
