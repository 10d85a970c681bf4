using System.IO.Compression;
using System.Text;
using Blog.Import;
using Blog.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Blog.Tests.Import;

public class ZipImportTests(BlogAppFactory app) : IClassFixture<BlogAppFactory>
{
    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public async Task ImportZip_NotesWithImages_ImportLikeAFolder()
    {
        using var notes = new NoteFolder();
        var png = TestPng.Create(33, 66, 99, size: 13);
        notes.WriteBytes($"{notes.Id}/ml/assets/image-20240510091624087.png", png);
        notes.Write($"{notes.Id}/ml/扩散模型.md", StudyNotes.WithFrontMatter(
            $"title: 扩散模型 {notes.Id}\ncategories: Generative Model\ntags: [DDPM]",
            "前向加噪 $q(x_t|x_{t-1})$。\n\n![image-20240510091624087](assets/image-20240510091624087.png)"));
        notes.Write($"{notes.Id}/.obsidian/app.md", "# 不是笔记\n");

        var report = await app.ImportZipAsync(notes.Zip());

        Assert.Null(report.Error);
        var item = Assert.Single(report.Items);
        Assert.Equal(($"{notes.Id}/ml/扩散模型.md", ImportOutcome.Imported, (string?)null), (item.File, item.Outcome, item.Message));
        var post = await app.WithDbAsync(db => db.Posts.Include(p => p.Category).SingleAsync(p => p.SourceKey!.EndsWith("/" + $"{notes.Id}/ml/扩散模型.md")));
        Assert.Equal("generative-model", post.Category?.Slug);
        var media = await app.WithDbAsync(db => db.Media.SingleAsync(m => m.OriginalName == "image-20240510091624087.png" && m.Size == png.Length));
        Assert.Contains($"](/media/{media.FileName})", post.Markdown);

        var again = await app.ImportZipAsync(notes.Zip());
        Assert.Equal("0 imported, 0 updated, 1 skipped, 0 failed", again.Summary);
    }

    [Fact]
    public async Task ImportZip_FromAPath_WorksLikeAnUpload()
    {
        using var notes = new NoteFolder();
        notes.Write($"{notes.Id}/note.md", $"# 从文件导入 {notes.Id}\n");
        var zipPath = Path.Combine(Path.GetTempPath(), $"notes-{notes.Id}.zip");
        await File.WriteAllBytesAsync(zipPath, notes.Zip());
        try
        {
            var report = await app.ImportAsync(zipPath);

            Assert.Equal(ImportOutcome.Imported, report.Item($"{notes.Id}/note.md").Outcome);
        }
        finally
        {
            File.Delete(zipPath);
        }
    }

    [Fact]
    public async Task ImportZip_OfAFolderImportedBefore_MatchesItsPostsInsteadOfDuplicating()
    {
        using var notes = new NoteFolder();
        notes.Write($"{notes.Id}/迭代器-{notes.Id}.md", $"# 迭代器与生成器 {notes.Id}\n\n```python\nit = iter([1, 2])\n```\n");
        var fromFolder = await app.ImportAsync(Path.Combine(notes.Root, notes.Id));

        // The zip of that folder names the folder on top of every entry.
        var fromZip = await app.ImportZipAsync(notes.Zip());

        Assert.Equal(ImportOutcome.Imported, fromFolder.Item($"迭代器-{notes.Id}.md").Outcome);
        var item = fromZip.Item($"{notes.Id}/迭代器-{notes.Id}.md");
        Assert.Equal(ImportOutcome.Skipped, item.Outcome);
        Assert.Contains($"imported from {notes.Id}/迭代器-{notes.Id}.md", item.Message);
        Assert.Equal(1, await app.WithDbAsync(db => db.Posts.CountAsync(p => p.Title == $"迭代器与生成器 {notes.Id}")));
    }

    [Fact]
    public async Task ImportZip_ZipSlipEntries_AreRefusedAndReportedByName()
    {
        using var notes = new NoteFolder();
        notes.Write($"{notes.Id}/safe.md", $"# 安全的笔记 {notes.Id}\n\n![图](../../outside.png)\n");
        var zip = notes.Zip(
            ("../evil.md", Utf8("# evil\n")),
            ($"{notes.Id}/../../escape.md", Utf8("# escape\n")),
            ("/etc/absolute.md", Utf8("# absolute\n")),
            ("C:/Windows/drive.md", Utf8("# drive\n")),
            ("..\\windows-style.md", Utf8("# backslash\n")),
            ("outside.png", TestPng.Create(9, 9, 9)));

        var report = await app.ImportZipAsync(zip);

        foreach (var name in new[] { "../evil.md", $"{notes.Id}/../../escape.md", "/etc/absolute.md", "C:/Windows/drive.md", "..\\windows-style.md" })
        {
            var refused = report.Item(name);
            Assert.Equal(ImportOutcome.Failed, refused.Outcome);
            Assert.Contains("refused", refused.Message);
        }
        var safe = report.Item($"{notes.Id}/safe.md");
        Assert.Equal(ImportOutcome.Imported, safe.Outcome);
        Assert.Contains("points outside the imported folder", safe.Message);
        Assert.False(await app.WithDbAsync(db => db.Posts.AnyAsync(p => p.Title == "evil" || p.Title == "escape" || p.Title == "absolute")));
    }

    [Fact]
    public async Task ImportZip_WithTooManyEntries_StopsWithAClearMessage()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            for (var i = 0; i <= ZipNoteSource.DefaultMaxEntries; i++)
                zip.CreateEntry($"many/{i}.md", CompressionLevel.NoCompression);
        }

        var report = await app.ImportZipAsync(buffer.ToArray());

        Assert.Empty(report.Items);
        Assert.Contains("10,001 entries", report.Error?.ToString());
        Assert.Contains("10,000", report.Error?.ToString());
    }

    [Fact]
    public async Task ImportZip_InflatingPastTheLimit_StopsWithAClearMessageAndKeepsWhatWasImported()
    {
        using var notes = new NoteFolder();
        notes.Write($"{notes.Id}/a.md", $"# 第一篇 {notes.Id}\n\n" + new string('a', 2_000));
        notes.Write($"{notes.Id}/b.md", $"# 第二篇 {notes.Id}\n\n" + new string('b', 60_000)); // a few hundred bytes compressed
        notes.Write($"{notes.Id}/c.md", $"# 第三篇 {notes.Id}\n");
        using var scope = app.Services.CreateScope();
        var importer = scope.ServiceProvider.GetRequiredService<NoteImporter>();
        using var source = new ZipNoteSource(new MemoryStream(notes.Zip()), "bomb.zip", ownsStream: true, maxInflatedBytes: 50_000);

        var report = await importer.ImportFromAsync(source, dryRun: false, CancellationToken.None);

        Assert.Equal(ImportOutcome.Imported, report.Item($"{notes.Id}/a.md").Outcome);
        Assert.DoesNotContain(report.Items, i => i.File.EndsWith("c.md"));
        Assert.Contains("inflates to more than", report.Error?.ToString());
        Assert.False(report.Succeeded);
    }

    [Fact]
    public async Task ImportZip_NotAZip_SaysSo()
    {
        var report = await app.ImportZipAsync(Utf8("# 这不是 zip"));

        Assert.Contains("not a readable .zip", report.Error?.ToString());
    }
}
