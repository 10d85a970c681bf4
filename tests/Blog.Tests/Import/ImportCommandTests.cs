using Blog.Tests.Infrastructure;

namespace Blog.Tests.Import;

/// <summary>The real executable, as the author runs it: <c>dotnet Blog.dll import PATH</c>.</summary>
public sealed class ImportCommandTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "blog-import-cli", Guid.NewGuid().ToString("N"));

    private Task<BlogCommand.Run> RunBlogAsync(params string[] arguments) => BlogCommand.RunAsync(_data, arguments);

    [Fact]
    public async Task ImportCommand_Folder_PrintsEachNoteAndTheSummary()
    {
        using var notes = new NoteFolder();
        notes.WriteBytes("assets/image-20240510091624087.png", TestPng.Create(5, 6, 7));
        notes.Write("transformer.md", StudyNotes.WithFrontMatter($"title: Transformer 笔记 {notes.Id}\ndate: 2024-05-10 09:16:24\ncategories: Large Model",
            StudyNotes.Body + "\n\n![image-20240510091624087](assets/image-20240510091624087.png)"));
        notes.Write("python/生成器.md", "# Python 生成器\n\n```python\ndef gen():\n    yield 1\n```\n");

        var first = await RunBlogAsync("import", notes.Root);

        Assert.True(first.ExitCode == 0, first.Output + first.Errors);
        Assert.Contains("2 imported, 0 updated, 0 skipped, 0 failed", first.Output);
        Assert.Contains("imported  transformer.md", first.Output);
        Assert.Contains("imported  python/生成器.md", first.Output);
        Assert.Single(Directory.GetFiles(Path.Combine(_data, "media"), "*.png"));

        notes.WriteBytes("broken.md", [0x23, 0x20, 0xC4, 0xE3, 0xBA, 0xC3]); // GBK
        var second = await RunBlogAsync("import", notes.Root);

        Assert.Equal(1, second.ExitCode);
        Assert.Contains("0 imported, 0 updated, 2 skipped, 1 failed", second.Output);
        Assert.Contains("failed    broken.md: it is not UTF-8 text", second.Output);
    }

    [Fact]
    public async Task ImportCommand_MissingPath_PrintsAnErrorWithoutAStackTrace()
    {
        var missing = Path.Combine(_data, "no-such-notes");

        var run = await RunBlogAsync("import", missing);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"error: There is no folder or file at {missing}", run.Errors);
        Assert.DoesNotContain("   at ", run.Output + run.Errors);
    }

    public void Dispose()
    {
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }
}
