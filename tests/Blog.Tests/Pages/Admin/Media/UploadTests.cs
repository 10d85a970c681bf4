using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Blog.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Blog.Tests.Pages.Admin.Media;

/// <summary>The editor's image upload: paste or drop sends the file here.</summary>
public class UploadTests(BlogAppFactory app) : IClassFixture<BlogAppFactory>
{
    // A 1×1 PNG.
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    private async Task<HttpResponseMessage> UploadAsync(byte[] content, string fileName, string contentType, bool withToken = true)
    {
        var client = await app.SignedInClientAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/media/upload");
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        request.Content = new MultipartFormDataContent { { file, "file", fileName } };
        if (withToken)
            request.Headers.Add("RequestVerificationToken", await client.AntiforgeryTokenAsync());
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task APastedPng_IsStoredAndItsUrlReturned()
    {
        var png = Png.Concat(Guid.NewGuid().ToByteArray()).ToArray(); // bytes after IEND: a distinct image

        var response = await UploadAsync(png, "截图 2026.png", "image/png");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.ReadJsonAsync();
        var url = answer.GetProperty("url").GetString()!;
        Assert.Matches("^/media/[0-9a-f]{32}\\.png$", url);
        Assert.Equal("截图 2026", answer.GetProperty("name").GetString());
        Assert.Equal("", answer.GetProperty("alt").GetString()); // a screenshot's name is no description
        var served = await app.CreateClient().GetAsync(url);
        Assert.Equal("image/png", served.Content.Headers.ContentType?.MediaType);
        Assert.Equal(png, await served.Content.ReadAsByteArrayAsync());
        Assert.True(await app.WithDbAsync(db => db.Media.AnyAsync(m => "/media/" + m.FileName == url)));
    }

    [Fact]
    public async Task APngWithADescriptiveName_IsInsertedWithThatNameAsItsAlt()
    {
        var png = Png.Concat(Guid.NewGuid().ToByteArray()).ToArray();

        var answer = await (await UploadAsync(png, "位置编码示意图.png", "image/png")).ReadJsonAsync();

        Assert.Equal("位置编码示意图", answer.GetProperty("alt").GetString());
    }

    [Fact]
    public async Task AnHtmlFileNamedPng_IsRefused()
    {
        var response = await UploadAsync(Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>"), "evil.png", "image/png");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("不是 PNG、JPEG、GIF 或 WebP 图片", (await response.ReadJsonAsync()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task AnSvg_IsRefused()
    {
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>";

        var response = await UploadAsync(Encoding.UTF8.GetBytes(svg), "diagram.svg", "image/svg+xml");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("SVG", (await response.ReadJsonAsync()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task AFileOverTheUploadLimit_IsRefusedCleanly()
    {
        var big = new byte[20 * 1024 * 1024];
        Png.CopyTo(big, 0);

        var response = await UploadAsync(big, "huge.png", "image/png");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("超过了 10 MB 的上传上限", (await response.ReadJsonAsync()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task AnUploadWithoutTheAntiforgeryToken_IsRejected()
    {
        var response = await UploadAsync(Png, "a.png", "image/png", withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
