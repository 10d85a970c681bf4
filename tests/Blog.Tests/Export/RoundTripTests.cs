using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Blog.Data;
using Blog.Settings;
using Blog.Tests.Import;
using Blog.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Blog.Tests.Export;

/// <summary>Export from one site, import into a fresh one, through the admin pages of both: the same posts come back.</summary>
public class RoundTripTests
{
    private sealed record PostState(
        string Slug, string Title, string Markdown, string? Summary, PostStatus Status, string? Category, string Tags,
        DateTime? PublishedAt, DateTime UpdatedAt, DateTime? DraftCreatedAt, string Language, bool LanguageChosen);

    [Fact]
    public async Task ExportThenImportIntoAnEmptySite_GivesBackTheSamePostsAndImages()
    {
        using var source = new BlogAppFactory();
        using var target = new BlogAppFactory();
        var sourceSettings = source.Services.GetRequiredService<SiteSettingsStore>();
        await sourceSettings.SaveAsync(sourceSettings.Current with { TimeZone = "Asia/Shanghai" }); // the target stays on UTC
        var author = await source.SignedInClientAsync();
        var heatmap = await UploadAsync(source, author, "注意力热力图.png", TestPng.Create(40, 80, 160, size: 6));
        var loss = await UploadAsync(source, author, "loss curve.png", TestPng.Create(160, 80, 40, size: 7));

        var published = await source.AddPostAsync(new PostBuilder("Transformer 中的缩放点积注意力")
            .WithSlug("scaled-dot-product-attention")
            .InCategory("large-model").WithTags("Transformer", "注意力")
            .WithSummary("为什么要除以 √d_k：防止 softmax 饱和。")
            .PublishedAt(new DateTime(2024, 5, 10, 1, 16, 24, 321, DateTimeKind.Utc))
            .WithMarkdown(StudyNotes.Body + $"\n\n![注意力热力图]({heatmap})\n\n损失曲线见 ![loss][curve]，代码里的 `![不是图片]({loss})` 不算。\n\n[curve]: {loss}\n"));
        var draft = await source.AddPostAsync(new PostBuilder("YAML: \"引号\" # 不是注释 \\ 反斜杠 😀")
            .AsDraft().WithTags("噪声, 调度", "C#")
            .WithMarkdown("# 草稿\n\n```python\nfor epoch in range(10):\n    loss.backward()\n```\n\n$$\\nabla_\\theta L$$\n"));
        var scheduled = await source.AddPostAsync(new PostBuilder("扩散模型 DDPM")
            .WithSlug("扩散模型-ddpm").InCategory("generative-model")
            .ScheduledAt(DateTime.UtcNow.AddDays(30))
            .WithMarkdown($"前向过程 $q(x_t \\mid x_{{t-1}})$。\n\n![]({loss})\n"));
        var imported = await source.AddPostAsync(new PostBuilder("从文件夹导入的笔记")
            .WithMarkdown($"Python 生成器 `yield`。\n\n![热力图]({heatmap})\n"));
        await source.WithDbAsync(db => db.Posts.Where(p => p.Id == imported.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.SourceKey, "ml/python/生成器.md")));
        var trashed = await source.AddPostAsync(new PostBuilder("回收站里的笔记").Trashed());
        // Traditional characters, the script detected; and a note whose author chose Simplified over what detection says.
        var traditional = await source.AddPostAsync(new PostBuilder("強化學習中的價值函數")
            .WithMarkdown("狀態價值函數 $V^\\pi(s)$ 表示從狀態出發、遵循策略所得的期望回報。"));
        var chosen = await source.AddPostAsync(new PostBuilder("貝爾曼方程（作者選了簡體）")
            .WithMarkdown("貝爾曼方程把價值函數寫成當前獎勵與後繼狀態價值之和。"));
        await source.WithDbAsync(db => db.Posts.Where(p => p.Id == chosen.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Language, "zh-Hans").SetProperty(p => p.LanguageChosen, true)));

        var export = await author.SubmitFormAsync("/admin/import", "form.export-form");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var zipBytes = await export.Content.ReadAsByteArrayAsync();
        using (var zip = new ZipArchive(new MemoryStream(zipBytes)))
        {
            var names = zip.Entries.Select(e => e.FullName).ToList();
            Assert.Contains("ml/python/生成器.md", names);
            Assert.DoesNotContain($"{trashed.Slug}.md", names);
            Assert.Equal(2, names.Count(n => n.StartsWith("images/")));
            var fromFolder = await new StreamReader(zip.GetEntry("ml/python/生成器.md")!.Open()).ReadToEndAsync();
            Assert.Contains($"![热力图](../../images/{heatmap[7..]})", fromFolder);
        }

        var admin = await target.SignedInClientAsync();
        var response = await admin.SubmitMultipartFormAsync("/admin/import", "form.import-form",
            [new FormFile("Input.Zip", "export.zip", zipBytes, "application/zip")]);
        var report = await response.ReadDocumentAsync();
        Assert.Empty(report.QuerySelectorAll(".import-report .outcome-failed"));
        Assert.Null(report.QuerySelector(".form-errors:not(:empty)"));

        var expected = await StatesAsync(source);
        var actual = await StatesAsync(target);
        Assert.Equal(expected.Select(p => p.Slug).Order(), actual.Select(p => p.Slug).Order());
        Assert.Contains(expected, p => p.Slug == published.Slug && p.Status == PostStatus.Published);
        Assert.Contains(expected, p => p.Slug == draft.Slug && p.Status == PostStatus.Draft);
        Assert.Contains(expected, p => p.Slug == scheduled.Slug && p.Status == PostStatus.Published && p.PublishedAt > DateTime.UtcNow);
        Assert.Contains(expected, p => p.Slug == traditional.Slug && p is { Language: "zh-Hant", LanguageChosen: false });
        Assert.Contains(expected, p => p.Slug == chosen.Slug && p is { Language: "zh-Hans", LanguageChosen: true });
        foreach (var wanted in expected)
        {
            var got = actual.Single(p => p.Slug == wanted.Slug);
            Assert.Equal(wanted with { Markdown = "" }, got with { Markdown = "" });
            // Images compared by content: whatever their URLs, the same pictures in the same places.
            Assert.Equal(WithImageHashes(source, wanted.Markdown), WithImageHashes(target, got.Markdown));
        }

        var article = await target.CreateClient().GetDocumentAsync($"/posts/{published.Slug}");
        var image = article.QuerySelector("article img")?.GetAttribute("src") ?? throw new Xunit.Sdk.XunitException("no image in the article");
        Assert.Equal(HttpStatusCode.OK, (await target.CreateClient().GetAsync(image)).StatusCode);
    }

    private static async Task<string> UploadAsync(BlogAppFactory site, HttpClient client, string name, byte[] png)
    {
        var response = await client.SubmitMultipartFormAsync("/admin/media", "form.media-upload", [new FormFile("Input.File", name, png, "image/png")]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var fileName = await site.WithDbAsync(db => db.Media.Where(m => m.OriginalName == name).Select(m => m.FileName).SingleAsync());
        return "/media/" + fileName;
    }

    private static Task<List<PostState>> StatesAsync(BlogAppFactory site) => site.WithDbAsync(async db =>
        (await db.Posts.AsNoTracking().Where(p => p.DeletedAt == null).Include(p => p.Category).Include(p => p.Tags).ToListAsync())
        .Select(p => new PostState(
            p.Slug, p.Title, p.Markdown, p.Summary, p.Status, p.Category?.Name, string.Join(" | ", p.Tags.Select(t => t.Name).Order()),
            ToSecond(p.PublishedAt), ToSecond(p.UpdatedAt)!.Value, p.Status == PostStatus.Draft ? ToSecond(p.CreatedAt) : null,
            p.Language, p.LanguageChosen))
        .ToList());

    private static DateTime? ToSecond(DateTime? time) =>
        time is { } t ? new DateTime(t.Ticks - t.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc) : null;

    /// <summary>Each /media/ link replaced by the SHA-256 of the file it points at; a missing file fails the test.</summary>
    private static string WithImageHashes(BlogAppFactory site, string markdown) =>
        Regex.Replace(markdown, @"/media/([0-9a-f]{32}\.(?:png|jpg|gif|webp))", match =>
            "sha256:" + Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(site.MediaFolder, match.Groups[1].Value)))));
}
