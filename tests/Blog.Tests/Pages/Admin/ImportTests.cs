using System.IO.Compression;
using System.Net;
using System.Text;
using Blog.Tests.Import;
using Blog.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Blog.Tests.Pages.Admin;

public class ImportTests(BlogAppFactory app) : IClassFixture<BlogAppFactory>
{
    private const string ImportForm = "form.import-form";

    private static FormFile Zip(string fileName, byte[] content) => new("Input.Zip", fileName, content, "application/zip");

    [Fact]
    public async Task ImportZip_ThroughTheAdmin_ShowsEachNotesOutcomeAndTheSummary()
    {
        var client = await app.SignedInClientAsync();
        using var notes = new NoteFolder();
        notes.WriteBytes("ml/assets/attention.png", TestPng.Create(120, 60, 30, size: 5));
        notes.Write("ml/注意力机制.md", StudyNotes.WithFrontMatter(
            $"title: 注意力机制 {notes.Id}\ndate: 2024-05-10 09:16:24\ncategories: Large Model\ntags: [Transformer, 注意力]",
            StudyNotes.Body + "\n\n![注意力权重](assets/attention.png)"));
        notes.WriteBytes("ml/旧笔记.md", [0x23, 0x20, 0xC4, 0xE3, 0xBA, 0xC3]); // "# 你好" in GBK

        var response = await client.SubmitMultipartFormAsync("/admin/import", ImportForm, [Zip("notes.zip", notes.Zip())]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        var report = page.QuerySelector(".import-report") ?? throw new Xunit.Sdk.XunitException("no report");
        Assert.Equal("导入 1，更新 0，跳过 0，失败 1", report.QuerySelector(".import-summary")?.TextContent);
        var rows = report.QuerySelectorAll("tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray()).ToList();
        Assert.Contains(rows, r => r[0] == "ml/注意力机制.md" && r[1] == "已导入");
        Assert.Contains(rows, r => r[0] == "ml/旧笔记.md" && r[1] == "失败" && r[2].Contains("不是 UTF-8 文本"));
        var post = await app.WithDbAsync(db => db.Posts.Include(p => p.Tags).SingleAsync(p => p.Title == $"注意力机制 {notes.Id}"));
        Assert.Equal(["transformer", "注意力"], post.Tags.Select(t => t.Slug).Order());
        Assert.Matches(@"!\[注意力权重\]\(/media/[0-9a-f]{32}\.png\)", post.Markdown);
        // The author goes from the report to the note's post; a note that failed has none.
        Assert.Equal($"/admin/posts/{post.Id}", report.QuerySelector("tr.import-imported td.file-cell a")?.GetAttribute("href"));
        Assert.Null(report.QuerySelector("tr.import-failed td.file-cell a"));
    }

    [Fact]
    public async Task ImportZip_EntryNamedToClimbOut_IsReportedRefused()
    {
        var client = await app.SignedInClientAsync();
        using var notes = new NoteFolder();
        notes.Write($"safe-{notes.Id}.md", $"# 安全的笔记 {notes.Id}\n\n```python\nprint('ok')\n```\n");
        var zip = notes.Zip(("../../etc/passwd", Encoding.UTF8.GetBytes("root:x:0:0:root:/root:/bin/bash\n")));

        var page = await (await client.SubmitMultipartFormAsync("/admin/import", ImportForm, [Zip("slip.zip", zip)])).ReadDocumentAsync();

        var refused = page.QuerySelectorAll(".import-report tbody tr")
            .Single(r => r.QuerySelector(".file-cell")?.TextContent == "../../etc/passwd");
        Assert.Equal("失败", refused.QuerySelector(".outcome")?.TextContent);
        Assert.Contains("已拒绝：它的路径会跑出压缩包", refused.QuerySelector(".message-cell")?.TextContent);
        Assert.True(await app.WithDbAsync(db => db.Posts.AnyAsync(p => p.Title == $"安全的笔记 {notes.Id}")));
    }

    [Fact]
    public async Task ImportZip_NotAZip_SaysSoByName()
    {
        var client = await app.SignedInClientAsync();

        var response = await client.SubmitMultipartFormAsync("/admin/import", ImportForm,
            [Zip("笔记.zip", Encoding.UTF8.GetBytes("# 这不是 zip，是一篇 Markdown\n"))]);

        var page = await response.ReadDocumentAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("“笔记.zip” 不是可读取的 .zip 压缩包。", page.QuerySelector(".form-errors")?.TextContent);
        Assert.NotNull(page.QuerySelector($"{ImportForm} input[type=file]"));
    }

    [Fact]
    public async Task ImportZip_AFewBytesThatAreNotAZip_SaysSoByName()
    {
        var client = await app.SignedInClientAsync();

        var response = await client.SubmitMultipartFormAsync("/admin/import", ImportForm,
            [Zip("短.zip", Encoding.UTF8.GetBytes("# 不是 zip\n"))]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("“短.zip” 不是可读取的 .zip 压缩包。", (await response.ReadDocumentAsync()).QuerySelector(".form-errors")?.TextContent);
    }

    [Fact]
    public async Task Import_WithoutAFile_AsksForOne()
    {
        var client = await app.SignedInClientAsync();

        var page = await (await client.SubmitMultipartFormAsync("/admin/import", ImportForm, [])).ReadDocumentAsync();

        Assert.Contains("请选择要导入的笔记 .zip 文件。", page.QuerySelector(".form-errors")?.TextContent);
        Assert.Null(page.QuerySelector(".import-report"));
    }

    [Fact]
    public async Task Export_Download_IsAZipOfNotesWithFrontMatterAndTheirImages()
    {
        var client = await app.SignedInClientAsync();
        var png = TestPng.Create(130, 70, 40, size: 5);
        var upload = await client.SubmitMultipartFormAsync("/admin/media", "form.media-upload", [new FormFile("Input.File", "梯度.png", png, "image/png")]);
        Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        var media = await app.WithDbAsync(db => db.Media.SingleAsync(m => m.OriginalName == "梯度.png" && m.Size == png.Length));
        var slug = $"gradient-{Guid.NewGuid():N}"[..20];
        await app.AddPostAsync(new PostBuilder("反向传播与梯度").WithSlug(slug).InCategory("python").WithTags("PyTorch").AsDraft()
            .WithMarkdown($"链式法则 $\\frac{{\\partial L}}{{\\partial w}}$。\n\n![梯度](/media/{media.FileName})\n"));

        var response = await client.SubmitFormAsync("/admin/import", "form.export-form");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        Assert.Matches(@"^blog-export-\d{4}-\d{2}-\d{2}-\d{4}\.zip$", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        var note = await new StreamReader(zip.GetEntry($"{slug}.md")!.Open()).ReadToEndAsync();
        Assert.StartsWith("---\ntitle: \"反向传播与梯度\"\n", note);
        Assert.Contains($"slug: \"{slug}\"\n", note);
        Assert.Contains("categories:\n  - \"Python\"\n", note);
        Assert.Contains("tags:\n  - \"PyTorch\"\n", note);
        Assert.Contains("draft: true\n", note);
        Assert.Contains($"![梯度](images/{media.FileName})", note);
        using var image = new MemoryStream();
        await zip.GetEntry($"images/{media.FileName}")!.Open().CopyToAsync(image);
        Assert.Equal(png, image.ToArray());
    }

    [Fact]
    public async Task Export_ImportedBackIntoTheSameSite_ChangesNothing()
    {
        var client = await app.SignedInClientAsync();
        await app.AddPostAsync(new PostBuilder("精确到毫秒的发布时间").InCategory("large-model").WithTags("LLM")
            .PublishedAt(new DateTime(2024, 3, 1, 8, 30, 15, 678, DateTimeKind.Utc)));
        await app.AddPostAsync(new PostBuilder("一篇草稿").AsDraft());
        var postsBefore = await app.WithDbAsync(db => db.Posts.CountAsync());
        var revisionsBefore = await app.WithDbAsync(db => db.Revisions.CountAsync());

        var export = await (await client.SubmitFormAsync("/admin/import", "form.export-form")).Content.ReadAsByteArrayAsync();
        var page = await (await client.SubmitMultipartFormAsync("/admin/import", ImportForm, [Zip("export.zip", export)])).ReadDocumentAsync();

        Assert.Matches(@"^导入 0，更新 0，跳过 \d+，失败 0$", page.QuerySelector(".import-summary")?.TextContent);
        Assert.Equal(postsBefore, await app.WithDbAsync(db => db.Posts.CountAsync()));
        Assert.Equal(revisionsBefore, await app.WithDbAsync(db => db.Revisions.CountAsync()));
    }

    [Fact]
    public async Task Backup_Download_IsASqliteDatabaseHoldingThePosts()
    {
        var client = await app.SignedInClientAsync();
        if (TestDatabase.IsPostgres)
        {
            // On PostgreSQL the backup is pg_dump's job: the page says so and offers no download.
            var page = await client.GetDocumentAsync("/admin/import");
            Assert.Null(page.QuerySelector("form.backup-form"));
            Assert.Contains("pg_dump", page.QuerySelector(".backup-postgres")?.TextContent);
            return;
        }
        var post = await app.AddPostAsync(new PostBuilder("备份前的最后一篇笔记"));
        var expected = await app.WithDbAsync(db => db.Posts.CountAsync());
        var leftBefore = Directory.GetFiles(Path.GetTempPath(), "blog-backup-*.db").Length;

        var response = await client.SubmitFormAsync("/admin/import", "form.backup-form");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches(@"^blog-backup-\d{4}-\d{2}-\d{2}-\d{4}\.db$", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var copy = Path.Combine(app.DataFolder, $"downloaded-{Guid.NewGuid():N}.db");
        await File.WriteAllBytesAsync(copy, await response.Content.ReadAsByteArrayAsync());
        await using (var connection = new SqliteConnection($"Data Source={copy};Mode=ReadOnly;Pooling=False"))
        {
            await connection.OpenAsync();
            var count = connection.CreateCommand();
            count.CommandText = "SELECT COUNT(*) FROM Posts";
            Assert.Equal(expected, Convert.ToInt32(await count.ExecuteScalarAsync()));
            var title = connection.CreateCommand();
            title.CommandText = "SELECT Title FROM Posts WHERE Id = $id";
            title.Parameters.AddWithValue("$id", post.Id);
            Assert.Equal("备份前的最后一篇笔记", await title.ExecuteScalarAsync());
        }
        // The temporary copy goes once the download is sent, on the server's side of the response: polled.
        for (var i = 0; i < 50 && Directory.GetFiles(Path.GetTempPath(), "blog-backup-*.db").Length > leftBefore; i++)
            await Task.Delay(100);
        Assert.Equal(leftBefore, Directory.GetFiles(Path.GetTempPath(), "blog-backup-*.db").Length);
    }
}
