using System.Net;
using Blog.Content;
using Blog.Data;
using Blog.Tests.Infrastructure;
using Blog.Tests.Posts;
using Microsoft.EntityFrameworkCore;

namespace Blog.Tests.Availability;

/// <summary>What the site does with its database after it has recovered from one it could not use: all it does at start.</summary>
public sealed class StartupAndRecoveryTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ADatabaseThatComesBack_HasThePostsOfAnOlderPipelineRenderedAgain()
    {
        // A site as an older build left it, copied aside whole.
        using var older = new SqliteBlogApp();
        older.CreateClient();
        var post = await older.AddPostAsync(new PostBuilder("恢复之后 重新渲染的笔记").WithMarkdown("层归一化：$\\mathrm{LN}(x) = \\gamma \\hat{x} + \\beta$。"));
        await OutdatedPostsTests.MakeOutdatedAsync(older);
        var copy = Path.Combine(older.DataFolder, "copy.db");
        await older.WithDbAsync(db => db.Database.ExecuteSqlAsync($"VACUUM INTO {copy}"));

        // The site starts on a file that is not a database yet: it answers 503 and keeps trying.
        using var site = new SqliteBlogApp();
        Directory.CreateDirectory(site.DataFolder);
        await File.WriteAllTextAsync(site.DatabasePath, "这不是数据库文件 (not a database yet)");
        var client = site.CreateClient();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/healthz")).StatusCode);

        File.Move(copy, site.DatabasePath, overwrite: true);

        var deadline = DateTime.UtcNow + Bound;
        while ((await client.GetAsync("/healthz")).StatusCode != HttpStatusCode.OK && DateTime.UtcNow < deadline)
            await Task.Delay(200);
        while (await site.WithDbAsync(db => db.Posts.AnyAsync(p => p.RenderVersion < MarkdownRenderer.Version)) && DateTime.UtcNow < deadline)
            await Task.Delay(200);
        var article = await client.GetStringAsync($"/posts/{post.Slug}");
        Assert.Contains("katex", article);
        Assert.DoesNotContain("旧版流水线渲染的正文", article);
    }
}
