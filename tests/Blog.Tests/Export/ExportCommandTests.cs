using System.IO.Compression;
using Blog.Tests.Import;
using Blog.Tests.Infrastructure;

namespace Blog.Tests.Export;

/// <summary>The real executable: <c>dotnet Blog.dll export PATH.zip</c>.</summary>
public sealed class ExportCommandTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "blog-export-cli", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task ExportCommand_WritesTheNotesAndImagesAndNeverOverwrites()
    {
        using var notes = new NoteFolder();
        var png = TestPng.Create(77, 88, 99, size: 4);
        notes.WriteBytes("深度学习/assets/loss.png", png);
        notes.Write("深度学习/反向传播.md", StudyNotes.WithFrontMatter(
            "title: 反向传播\ndate: 2024-05-10 09:16:24\ncategories: Python\ntags: [PyTorch, 自动求导]",
            StudyNotes.Body + "\n\n![损失](assets/loss.png)"));
        notes.Write("_drafts/未完成.md", "# 未完成的草稿\n\n$E = mc^2$\n");
        var import = await BlogCommand.RunAsync(_data, "import", notes.Root);
        Assert.True(import.ExitCode == 0, import.Output + import.Errors);
        var zipPath = Path.Combine(_data, "exports", "笔记导出.zip");

        var run = await BlogCommand.RunAsync(_data, "export", zipPath);

        Assert.True(run.ExitCode == 0, run.Output + run.Errors);
        // Notes keep their place in their collection (the imported folder's name) in the export.
        var collection = Path.GetFileName(notes.Root);
        Assert.Contains($"post  {collection}/深度学习/反向传播.md", run.Output);
        Assert.Contains($"draft {collection}/_drafts/未完成.md", run.Output);
        Assert.Contains("post  welcome.md", run.Output);
        Assert.Contains($"exported 3 posts (1 draft) and 1 image to {zipPath}", run.Output);
        var written = await File.ReadAllBytesAsync(zipPath);
        using (var zip = new ZipArchive(new MemoryStream(written)))
        {
            var note = await new StreamReader(zip.GetEntry($"{collection}/深度学习/反向传播.md")!.Open()).ReadToEndAsync();
            Assert.Contains("title: \"反向传播\"\n", note);
            Assert.Contains("date: 2024-05-10T09:16:24+00:00\n", note);
            Assert.Matches(@"!\[损失\]\(\.\./\.\./images/[0-9a-f]{32}\.png\)", note);
            var image = zip.Entries.Single(e => e.FullName.StartsWith("images/"));
            using var bytes = new MemoryStream();
            await image.Open().CopyToAsync(bytes);
            Assert.Equal(png, bytes.ToArray());
        }

        var again = await BlogCommand.RunAsync(_data, "export", zipPath);

        Assert.Equal(2, again.ExitCode);
        Assert.Contains($"error: {zipPath} already exists; choose a new file name.", again.Errors);
        Assert.Equal(written, await File.ReadAllBytesAsync(zipPath));
        Assert.Equal([zipPath], Directory.GetFiles(Path.GetDirectoryName(zipPath)!));
    }

    [Fact]
    public async Task ExportCommand_WithoutAZipPath_PrintsItsUsage()
    {
        var run = await BlogCommand.RunAsync(_data, "export", Path.Combine(_data, "notes.tar"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("usage: export PATH.zip", run.Errors);
        Assert.False(File.Exists(Path.Combine(_data, "notes.tar")));
    }

    public void Dispose()
    {
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }
}
