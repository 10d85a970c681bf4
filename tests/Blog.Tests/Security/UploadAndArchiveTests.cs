using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Blog.Import;
using Blog.Tests.Import;
using Blog.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Blog.Tests.Security;

/// <summary>
/// Files from outside: what an upload or an archive may put on the server, and how the server
/// hands stored files back. (The basic refusals, SVG, HTML named .png, size limits, zip-slip
/// names and the entry count, are in Pages/Admin/Media and Import.)
/// </summary>
public class UploadAndArchiveTests(BlogAppFactory app) : IClassFixture<BlogAppFactory>
{
    private static readonly byte[] Html = Encoding.ASCII.GetBytes("<html><body><script>alert(document.cookie)</script></body></html>");

    private async Task<HttpResponseMessage> UploadAsync(byte[] content, string fileName)
    {
        var client = await app.SignedInClientAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/media/upload");
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        request.Content = new MultipartFormDataContent { { file, "file", fileName } };
        request.Headers.Add("RequestVerificationToken", await client.AntiforgeryTokenAsync());
        return await client.SendAsync(request);
    }

    private static byte[] Unique(byte[] head) => [.. head, .. Guid.NewGuid().ToByteArray()];

    [Theory]
    [InlineData("GIF89a", "image/gif", ".gif")]
    [InlineData("\u00FF\u00D8\u00FF\u00E0", "image/jpeg", ".jpg")]
    public async Task AnImageWithHtmlInside_IsServedAsTheImageItIs_NeverAsHtml(string magic, string type, string extension)
    {
        // A polyglot: valid image magic bytes, then a page. Stored (it is that image type), but a
        // browser is told the type and told not to sniff, so the page inside never renders.
        var content = Unique([.. Encoding.Latin1.GetBytes(magic), .. Html]);

        var upload = await UploadAsync(content, "photo.html");

        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        var url = (await upload.ReadJsonAsync()).GetProperty("url").GetString()!;
        Assert.EndsWith(extension, url);
        var served = await app.CreateClient().GetAsync(url);
        Assert.Equal(type, served.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", Assert.Single(served.Headers.GetValues("X-Content-Type-Options")));
        Assert.Contains("sandbox", Assert.Single(served.Headers.GetValues("Content-Security-Policy")));
    }

    [Fact]
    public async Task APngNamedJpg_IsStoredAndServedAsPng()
    {
        var upload = await UploadAsync(Unique(TestPng.Create(10, 20, 30)), "photo.jpg");

        var url = (await upload.ReadJsonAsync()).GetProperty("url").GetString()!;
        Assert.EndsWith(".png", url);
        Assert.Equal("image/png", (await app.CreateClient().GetAsync(url)).Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AFileNameWithAPath_NeverReachesTheFileSystem()
    {
        var upload = await UploadAsync(Unique(TestPng.Create(40, 50, 60)), "../../../../tmp/evil.png");

        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        var url = (await upload.ReadJsonAsync()).GetProperty("url").GetString()!;
        Assert.Matches("^/media/[0-9a-f]{32}\\.png$", url);
        Assert.True(File.Exists(Path.Combine(app.MediaFolder, url["/media/".Length..])));
        var media = await app.WithDbAsync(db => db.Media.SingleAsync(m => "/media/" + m.FileName == url));
        Assert.Equal("evil.png", media.OriginalName);
    }

    [Theory]
    [InlineData("page.html")]
    [InlineData("drawing.svg")]
    [InlineData("script.js")]
    [InlineData("notes.txt")]
    [InlineData("image.png.tmp")]
    [InlineData("no-extension")]
    public async Task AFileInTheMediaFolderThatIsNotAnImage_IsNotServed(string name)
    {
        // However it got there (a restored backup, a half-written upload), only image types are served.
        Directory.CreateDirectory(app.MediaFolder);
        await File.WriteAllBytesAsync(Path.Combine(app.MediaFolder, name), Html);

        var response = await app.CreateClient().GetAsync("/media/" + name);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("/media/../appsettings.json")]
    [InlineData("/media/%2e%2e/appsettings.json")]
    [InlineData("/media/..%2fappsettings.json")]
    [InlineData("/media/%2e%2e%2f%2e%2e%2fetc%2fpasswd")]
    [InlineData("/media/..%5c..%5cappsettings.json")]
    public async Task PathsClimbingOutOfTheMediaFolder_ServeNothing(string url)
    {
        var response = await app.CreateClient().GetAsync(url);

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("ConnectionStrings", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ImportZip_ManyEntriesEachUnderTheNoteLimit_StopsAtTheTotalInflatedLimit()
    {
        // A bomb that keeps under the 8 MB per note: 30 entries of 7 MB of spaces, 200 KB zipped.
        // The default 200 MB cap on inflated bytes stops it, with what came before kept.
        var spaces = new byte[7 * 1024 * 1024];
        Array.Fill(spaces, (byte)' ');
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            for (var i = 0; i < 30; i++)
            {
                using var stream = zip.CreateEntry($"bomb/{i:00}.md", CompressionLevel.SmallestSize).Open();
                stream.Write(spaces);
            }
        }
        Assert.True(buffer.Length < 1024 * 1024, $"the bomb is {buffer.Length:N0} bytes zipped");

        var report = await app.ImportZipAsync(buffer.ToArray());

        Assert.Contains("inflates to more than 200 MB", report.Error?.ToString());
        Assert.InRange(report.Items.Count, 20, 29);
        Assert.All(report.Items, item => Assert.Equal(ImportOutcome.Failed, item.Outcome)); // empty notes, said so
    }

    [Fact]
    public async Task ImportZip_AnEntryNameWithNul_IsRefusedByName()
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var name in new[] { $"{id}/ok.md", $"{id}/evil.md\0.png" })
            {
                using var stream = zip.CreateEntry(name).Open();
                stream.Write(Encoding.UTF8.GetBytes($"# 笔记 {id}\n"));
            }
        }

        var report = await app.ImportZipAsync(buffer.ToArray());

        Assert.Equal(ImportOutcome.Imported, report.Item($"{id}/ok.md").Outcome);
        Assert.Contains("refused", report.Item($"{id}/evil.md\0.png").Message);
    }
}
