using System.Net;
using Blog.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Blog.Tests.Pages.Admin.Posts;

public class RevisionsTests(BlogAppFactory app) : IClassFixture<BlogAppFactory>
{
    private async Task<(HttpClient Client, int Id)> PostWithHistoryAsync()
    {
        var post = await app.AddPostAsync(new PostBuilder("第一版标题").WithMarkdown("第一版\n共同的一行\n"));
        var client = await app.SignedInClientAsync();
        var url = $"/admin/posts/{post.Id}";
        await client.SubmitFormAsync(url, Editor.Form, new Dictionary<string, string> { ["Input.Title"] = "第二版标题", ["Input.Markdown"] = "第二版\n共同的一行\n" }, "更新");
        await client.SubmitFormAsync(url, Editor.Form, new Dictionary<string, string> { ["Input.Markdown"] = "第三版\n共同的一行\n" }, "更新");
        return (client, post.Id);
    }

    [Fact]
    public async Task EverySave_KeepsThePreviousText_ButASaveThatChangesNothingDoesNot()
    {
        var (client, id) = await PostWithHistoryAsync();

        await client.SubmitFormAsync($"/admin/posts/{id}", Editor.Form, button: "更新");

        var revisions = await app.WithDbAsync(db => db.Revisions.Where(r => r.PostId == id).OrderBy(r => r.Id).Select(r => new { r.Title, r.Markdown }).ToListAsync());
        Assert.Equal(2, revisions.Count);
        Assert.Equal(("第一版标题", "第一版\n共同的一行\n"), (revisions[0].Title, revisions[0].Markdown));
        Assert.Equal(("第二版标题", "第二版\n共同的一行\n"), (revisions[1].Title, revisions[1].Markdown));
    }

    [Fact]
    public async Task Revisions_AreListedNewestFirst()
    {
        var (client, id) = await PostWithHistoryAsync();

        var page = await client.GetDocumentAsync($"/admin/posts/{id}/revisions");

        var rows = page.QuerySelectorAll(".revision-list tbody tr").Select(tr => tr.QuerySelectorAll("td")[1].TextContent.Trim()).ToList();
        Assert.Equal(3, rows.Count);
        Assert.StartsWith("第二版标题", rows[0]); // the current one, marked as such
        Assert.Contains("当前", rows[0]);
        Assert.Equal(["第二版标题", "第一版标题"], rows.Skip(1));
        Assert.Contains("个字符", page.QuerySelector(".revision-list tbody tr:nth-child(2)")?.TextContent);
    }

    [Fact]
    public async Task ARevision_ShowsItsDifferenceFromTheCurrentText()
    {
        var (client, id) = await PostWithHistoryAsync();
        var first = await app.WithDbAsync(db => db.Revisions.Where(r => r.PostId == id).OrderBy(r => r.Id).Select(r => r.Id).FirstAsync());

        var page = await client.GetDocumentAsync($"/admin/posts/{id}/revisions/{first}");

        Assert.Equal(["第一版"], page.QuerySelectorAll("tr.diff-removed .diff-text").Select(td => td.TextContent));
        Assert.Equal(["第三版"], page.QuerySelectorAll("tr.diff-added .diff-text").Select(td => td.TextContent));
        Assert.Contains("第一版标题", page.QuerySelector("main")?.TextContent);
    }

    [Fact]
    public async Task Restore_IsASave_ThatKeepsTheCurrentTextAsARevision()
    {
        var (client, id) = await PostWithHistoryAsync();
        var first = await app.WithDbAsync(db => db.Revisions.Where(r => r.PostId == id).OrderBy(r => r.Id).Select(r => r.Id).FirstAsync());

        var response = await client.SubmitFormAsync($"/admin/posts/{id}/revisions/{first}", "form.restore-form");

        Assert.Equal(id, response.SavedPostId());
        var post = await app.WithDbAsync(db => db.Posts.AsNoTracking().SingleAsync(p => p.Id == id));
        Assert.Equal(("第一版标题", "第一版\n共同的一行\n"), (post.Title, post.Markdown));
        Assert.Contains("第一版", post.Html);
        var kept = await app.WithDbAsync(db => db.Revisions.Where(r => r.PostId == id).Select(r => r.Markdown).ToListAsync());
        Assert.Contains("第三版\n共同的一行\n", kept);
    }

    [Fact]
    public async Task Restore_KeepsAutosavedTypingAsARevisionToo()
    {
        var (client, id) = await PostWithHistoryAsync();
        var url = $"/admin/posts/{id}";
        var version = await app.WithDbAsync(db => db.Posts.Where(p => p.Id == id).Select(p => p.Version).SingleAsync());
        await client.PostFieldsAsync($"{url}?handler=Autosave", await client.AntiforgeryTokenAsync(url), new Dictionary<string, string>
        {
            ["Input.Title"] = "第二版标题", ["Input.Markdown"] = "还没保存的打字", ["Input.Version"] = version.ToString(),
        });
        var first = await app.WithDbAsync(db => db.Revisions.Where(r => r.PostId == id).OrderBy(r => r.Id).Select(r => r.Id).FirstAsync());

        await client.SubmitFormAsync($"/admin/posts/{id}/revisions/{first}", "form.restore-form");

        var kept = await app.WithDbAsync(db => db.Revisions.Where(r => r.PostId == id).Select(r => r.Markdown).ToListAsync());
        Assert.Contains("还没保存的打字", kept);
    }

    [Fact]
    public async Task Restore_AfterTheEditorSavedMeanwhile_IsRefused()
    {
        var (client, id) = await PostWithHistoryAsync();
        var first = await app.WithDbAsync(db => db.Revisions.Where(r => r.PostId == id).OrderBy(r => r.Id).Select(r => r.Id).FirstAsync());
        var revisionUrl = $"/admin/posts/{id}/revisions/{first}";
        var stale = await client.GetDocumentAsync(revisionUrl);
        stale.Location.Href = "http://localhost" + revisionUrl;
        await client.SubmitFormAsync($"/admin/posts/{id}", Editor.Form, new Dictionary<string, string> { ["Input.Markdown"] = "第四版" }, "更新");

        var response = await client.SubmitAsync((AngleSharp.Html.Dom.IHtmlFormElement)stale.QuerySelector("form.restore-form")!);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("没有恢复任何内容", (await response.ReadDocumentAsync()).QuerySelector(".form-errors")?.TextContent);
        Assert.Equal("第四版", await app.WithDbAsync(db => db.Posts.Where(p => p.Id == id).Select(p => p.Markdown).SingleAsync()));
    }

    [Fact]
    public async Task ARevisionOfAnotherPost_IsNotFound()
    {
        var (client, id) = await PostWithHistoryAsync();
        var other = await app.AddPostAsync(new PostBuilder());
        var revision = await app.WithDbAsync(db => db.Revisions.Where(r => r.PostId == id).Select(r => r.Id).FirstAsync());

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/admin/posts/{other.Id}/revisions/{revision}")).StatusCode);
    }
}
