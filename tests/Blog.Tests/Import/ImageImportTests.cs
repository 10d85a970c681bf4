using Blog.Data;
using Blog.Import;
using Blog.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Blog.Tests.Import;

public class ImageImportTests(BlogAppFactory app) : IClassFixture<BlogAppFactory>
{
    private static readonly Random Colours = new();

    /// <summary>A PNG no other test uses, so media counts are this test's own.</summary>
    private static byte[] UniquePng() => TestPng.Create((byte)Colours.Next(256), (byte)Colours.Next(256), (byte)Colours.Next(256), size: Colours.Next(3, 40));

    private Task<Post> PostFromAsync(string sourceKey) => app.WithDbAsync(db => db.Posts.SingleAsync(p => p.SourceKey!.EndsWith("/" + sourceKey)));

    private Task<List<global::Blog.Data.Media>> MediaWithNameAsync(string originalName) =>
        app.WithDbAsync(db => db.Media.Where(m => m.OriginalName == originalName).ToListAsync());

    [Fact]
    public async Task Import_FolderWithTyporaImages_StoresMediaAndRewritesLinks()
    {
        using var notes = new NoteFolder();
        var typoraName = $"image-20240510091624{notes.Id}.png";
        notes.WriteBytes($"ml/assets/{typoraName}", UniquePng());
        notes.WriteBytes($"images/shared-{notes.Id}.png", UniquePng());
        notes.Write("ml/transformer.md", $"""
            # Transformer 结构 {notes.Id}

            {StudyNotes.Body}

            ![{typoraName[..^4]}](assets/{typoraName})

            ![架构图](../images/shared-{notes.Id}.png)
            """);
        notes.Write("ml/deep/lora.md", $"""
            # LoRA 低秩适配 {notes.Id}

            低秩分解 $W = W_0 + BA$，其中 $r \ll d$。

            ![同一张图](./../../images/shared-{notes.Id}.png "共享")
            """);

        var report = await app.ImportAsync(notes.Root);

        Assert.Equal(2, report.Count(ImportOutcome.Imported));
        Assert.All(report.Items, i => Assert.Null(i.Message));
        var typora = Assert.Single(await MediaWithNameAsync(typoraName));
        var shared = Assert.Single(await MediaWithNameAsync($"shared-{notes.Id}.png"));
        Assert.True(File.Exists(Path.Combine(app.MediaFolder, typora.FileName)));
        Assert.True(File.Exists(Path.Combine(app.MediaFolder, shared.FileName)));

        var transformer = await PostFromAsync("ml/transformer.md");
        Assert.Contains($"![{typoraName[..^4]}](/media/{typora.FileName})", transformer.Markdown);
        Assert.Contains($"![架构图](/media/{shared.FileName})", transformer.Markdown);
        var lora = await PostFromAsync("ml/deep/lora.md");
        Assert.Contains($"![同一张图](/media/{shared.FileName} \"共享\")", lora.Markdown);

        var page = await app.CreateClient().GetDocumentAsync($"/posts/{Uri.EscapeDataString(transformer.Slug)}");
        var sources = page.QuerySelectorAll("img").Select(img => img.GetAttribute("src")).ToList();
        Assert.Contains($"/media/{typora.FileName}", sources);
        Assert.Contains($"/media/{shared.FileName}", sources);
        var image = await app.CreateClient().GetAsync($"/media/{typora.FileName}");
        Assert.True(image.IsSuccessStatusCode);
    }

    [Fact]
    public async Task Import_ImageLinksInCodeBlocks_AreLeftAlone()
    {
        using var notes = new NoteFolder();
        notes.WriteBytes("images/a.png", UniquePng());
        var code = "```markdown\n![示例](images/a.png)\n```";
        notes.Write("markdown-tips.md", $"# Markdown 插图写法 {notes.Id}\n\n写法如下：\n\n{code}\n\n效果：![示例](images/a.png)\n\n行内代码 `![示例](images/a.png)`。\n");

        await app.ImportAsync(notes.Root);

        var post = await PostFromAsync("markdown-tips.md");
        Assert.Contains(code, post.Markdown);
        Assert.Contains("`![示例](images/a.png)`", post.Markdown);
        Assert.Matches(@"效果：!\[示例\]\(/media/[0-9a-f]{32}\.png\)", post.Markdown);
    }

    [Fact]
    public async Task Import_ReferenceDefinitionsAndEncodedNames_AreRewritten()
    {
        using var notes = new NoteFolder();
        notes.WriteBytes($"figures/损失 曲线 {notes.Id}.png", UniquePng());
        notes.WriteBytes($"figures/学习率 {notes.Id}.png", UniquePng());
        notes.Write("training.md", $"""
            # 训练技巧 {notes.Id}

            ![损失曲线][loss]

            ![学习率](<figures/学习率 {notes.Id}.png>)

            [loss]: figures/%E6%8D%9F%E5%A4%B1%20%E6%9B%B2%E7%BA%BF%20{notes.Id}.png "损失"
            """);

        var report = await app.ImportAsync(notes.Root);

        Assert.Null(report.Item("training.md").Message);
        var loss = Assert.Single(await MediaWithNameAsync($"损失 曲线 {notes.Id}.png"));
        var rate = Assert.Single(await MediaWithNameAsync($"学习率 {notes.Id}.png"));
        var post = await PostFromAsync("training.md");
        Assert.Contains($"[loss]: /media/{loss.FileName} \"损失\"", post.Markdown);
        Assert.Contains($"![学习率](/media/{rate.FileName})", post.Markdown);
        Assert.Contains($"src=\"/media/{loss.FileName}\"", post.Html);
    }

    [Fact]
    public async Task Import_MissingUnsupportedOrOutsideImages_ImportsTheNoteWithWarnings()
    {
        using var notes = new NoteFolder();
        notes.Write("images/fake.png", "这不是图片");
        notes.Write("notes/broken-images.md", $"""
            # 图片有问题的笔记 {notes.Id}

            ![缺失](assets/missing.png)
            ![伪装](../images/fake.png)
            ![越界](../../etc/passwd.png)
            ![外链](https://example.com/figure.png)
            ![Typora 绝对路径](C:\Users\me\AppData\Roaming\Typora\typora-user-images\image-1.png)
            """);

        var report = await app.ImportAsync(notes.Root);

        var item = report.Item("notes/broken-images.md");
        Assert.Equal(ImportOutcome.Imported, item.Outcome);
        Assert.Contains("assets/missing.png was not found", item.Message);
        Assert.Contains("../images/fake.png is not a PNG, JPEG, GIF or WebP image", item.Message);
        Assert.Contains("../../etc/passwd.png points outside the imported folder", item.Message);
        Assert.Contains("absolute path on the author's computer", item.Message);
        Assert.DoesNotContain("example.com", item.Message);
        var post = await PostFromAsync("notes/broken-images.md");
        Assert.Contains("![缺失](assets/missing.png)", post.Markdown);
        Assert.Contains("![外链](https://example.com/figure.png)", post.Markdown);
    }

    [Fact]
    public async Task Import_OneImageUnderTwoNamesInOneNote_IsStoredOnce()
    {
        using var notes = new NoteFolder();
        var png = UniquePng();
        notes.WriteBytes("a/截图.png", png);
        notes.WriteBytes("b/截图副本.png", png);
        notes.Write("twice.md", $"# 同一张截图 {notes.Id}\n\n![一](a/截图.png)\n\n![二](b/截图副本.png)\n");

        var report = await app.ImportAsync(notes.Root);

        Assert.Equal(ImportOutcome.Imported, report.Item("twice.md").Outcome);
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(png));
        var media = await app.WithDbAsync(db => db.Media.Where(m => m.Sha256 == hash).ToListAsync());
        var stored = Assert.Single(media);
        var post = await PostFromAsync("twice.md");
        Assert.Equal(2, post.Markdown.Split($"/media/{stored.FileName}").Length - 1);
    }
}
