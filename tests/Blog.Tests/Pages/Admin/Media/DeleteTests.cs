using System.Net;
using Blog.Data;
using Blog.Tests.Import;
using Blog.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Blog.Tests.Pages.Admin.Media;

public class DeleteTests(BlogAppFactory app) : IClassFixture<BlogAppFactory>
{
    private async Task<Blog.Data.Media> UploadAsync(HttpClient client, string name, byte[] png)
    {
        var response = await client.SubmitMultipartFormAsync("/admin/media", "form.media-upload", [new FormFile("Input.File", name, png, "image/png")]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await app.WithDbAsync(db => db.Media.AsNoTracking().SingleAsync(m => m.OriginalName == name && m.Size == png.Length));
    }

    [Fact]
    public async Task Delete_ImageUsedByPosts_WarnsWithLinksToThemThenRemovesTheFileAndTheRow()
    {
        var client = await app.SignedInClientAsync();
        var media = await UploadAsync(client, "损失曲线.png", TestPng.Create(210, 30, 30, size: 4));
        var url = $"/media/{media.FileName}";
        var user = await app.AddPostAsync(new PostBuilder("训练损失曲线分析")
            .WithMarkdown($"交叉熵损失 $L = -\\sum_i y_i \\log \\hat y_i$。\n\n![损失曲线]({url})\n"));
        var draft = await app.AddPostAsync(new PostBuilder("草稿：学习率调度").AsDraft().WithMarkdown($"见 [原图]({url})。"));
        var bystander = await app.AddPostAsync(new PostBuilder("无关的笔记"));

        var question = await client.GetDocumentAsync($"/admin/media/{media.Id}/delete");

        var warning = question.QuerySelector(".media-in-use") ?? throw new Xunit.Sdk.XunitException("no warning");
        Assert.Contains("仍有 2 篇文章使用这张图片", warning.TextContent);
        Assert.Equal("训练损失曲线分析", warning.QuerySelector($"a[href='/admin/posts/{user.Id}']")?.TextContent);
        Assert.Equal("草稿：学习率调度", warning.QuerySelector($"a[href='/admin/posts/{draft.Id}']")?.TextContent);
        Assert.Null(warning.QuerySelector($"a[href='/admin/posts/{bystander.Id}']"));
        Assert.True(File.Exists(Path.Combine(app.MediaFolder, media.FileName)));

        var response = await client.SubmitFormAsync($"/admin/media/{media.Id}/delete", "form.media-delete");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Media.AnyAsync(m => m.Id == media.Id)));
        Assert.False(File.Exists(Path.Combine(app.MediaFolder, media.FileName)));
        var status = (await client.GetDocumentAsync("/admin/media")).QuerySelector(".admin-status")?.TextContent;
        Assert.Contains("已删除“损失曲线.png”；仍有 2 篇文章链接它", status);
    }

    [Fact]
    public async Task Delete_UnusedImage_SaysNoPostUsesIt()
    {
        var client = await app.SignedInClientAsync();
        var media = await UploadAsync(client, "unused.png", TestPng.Create(211, 31, 31, size: 4));

        var question = await client.GetDocumentAsync($"/admin/media/{media.Id}/delete");
        var response = await client.SubmitFormAsync($"/admin/media/{media.Id}/delete", "form.media-delete");

        Assert.Null(question.QuerySelector(".media-in-use"));
        Assert.Contains("没有文章链接它。", question.QuerySelector(".media-delete")?.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False(File.Exists(Path.Combine(app.MediaFolder, media.FileName)));
    }

    [Fact]
    public async Task Delete_UnknownImage_Is404()
    {
        var client = await app.SignedInClientAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/admin/media/999999/delete")).StatusCode);
    }
}
