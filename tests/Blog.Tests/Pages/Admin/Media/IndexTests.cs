using System.Net;
using System.Security.Cryptography;
using System.Text;
using Blog.Settings;
using Blog.Tests.Import;
using Blog.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Blog.Tests.Pages.Admin.Media;

public class IndexTests(BlogAppFactory app) : IClassFixture<BlogAppFactory>
{
    private const string UploadForm = "form.media-upload";

    private static FormFile Image(string fileName, byte[] content) => new("Input.File", fileName, content, "image/png");

    private static string Hash(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    private async Task<HttpResponseMessage> UploadAsync(HttpClient client, string fileName, byte[] content) =>
        await client.SubmitMultipartFormAsync("/admin/media", UploadForm, [Image(fileName, content)]);

    private Task<Blog.Data.Media?> StoredAsync(byte[] content) =>
        app.WithDbAsync(db => db.Media.AsNoTracking().FirstOrDefaultAsync(m => m.Sha256 == Hash(content)));

    [Fact]
    public async Task Upload_Png_IsListedWithItsThumbnailSizeDateAndMarkdown()
    {
        var client = await app.SignedInClientAsync();
        var png = TestPng.Create(201, 17, 17, size: 3);

        var response = await UploadAsync(client, "注意力热力图.png", png);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var media = await StoredAsync(png) ?? throw new Xunit.Sdk.XunitException("the image was not stored");
        Assert.Equal($"/admin/media#media-{media.Id}", response.Headers.Location?.OriginalString);
        var page = await client.GetDocumentAsync("/admin/media");
        Assert.Contains("已上传“注意力热力图.png”", page.QuerySelector(".admin-status")?.TextContent);
        var item = page.QuerySelector($"#media-{media.Id}") ?? throw new Xunit.Sdk.XunitException("the image is not listed");
        var url = $"/media/{media.FileName}";
        var thumbnail = item.QuerySelector("img")!;
        Assert.Equal(url, thumbnail.GetAttribute("src"));
        Assert.Equal("lazy", thumbnail.GetAttribute("loading"));
        Assert.Equal("注意力热力图.png", item.QuerySelector(".media-name")?.TextContent);
        Assert.Contains($"{png.Length} bytes", item.QuerySelector(".media-facts")?.TextContent);
        Assert.Matches(@"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", item.QuerySelector("time")?.TextContent);
        var markdown = item.QuerySelector("code.media-markdown")!;
        Assert.Equal($"![注意力热力图]({url})", markdown.TextContent);
        Assert.Equal(markdown.Id, item.QuerySelector("button.media-copy")?.GetAttribute("data-copy-from"));
        Assert.NotNull(page.QuerySelector("script[src^='/js/media.'][src$='.js']")); // fingerprinted

        var image = await client.GetAsync(url);
        Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
        Assert.Equal(png, await image.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Upload_TheSameImageTwice_StoresItOnceAndSaysSo()
    {
        var client = await app.SignedInClientAsync();
        var png = TestPng.Create(202, 18, 18, size: 3);
        await UploadAsync(client, "第一次.png", png);

        var again = await UploadAsync(client, "screenshot (1).png", png);

        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        var status = (await client.GetDocumentAsync("/admin/media")).QuerySelector(".admin-status")?.TextContent;
        Assert.Contains("“screenshot (1).png”与媒体库中已有的“第一次.png”是同一张图片", status);
        Assert.Equal(1, await app.WithDbAsync(db => db.Media.CountAsync(m => m.Sha256 == Hash(png))));
        var media = await StoredAsync(png);
        Assert.Single(Directory.GetFiles(app.MediaFolder, media!.FileName));
    }

    [Fact]
    public async Task Upload_SvgWithAScript_IsRefusedAndNothingIsStored()
    {
        var client = await app.SignedInClientAsync();
        var svg = Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(document.cookie)</script></svg>");

        var response = await client.SubmitMultipartFormAsync("/admin/media", UploadForm, [new FormFile("Input.File", "diagram.svg", svg, "image/svg+xml")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Contains("“diagram.svg”是 SVG 图片，可能携带脚本", page.QuerySelector(".form-errors")?.TextContent);
        Assert.Null(await StoredAsync(svg));
        Assert.False(await app.WithDbAsync(db => db.Media.AnyAsync(m => m.OriginalName == "diagram.svg")));
    }

    [Fact]
    public async Task Upload_HtmlNamedPng_IsRefusedByItsContent()
    {
        var client = await app.SignedInClientAsync();
        var html = Encoding.UTF8.GetBytes("<!DOCTYPE html>\n<html><body><script>fetch('/admin')</script></body></html>");

        var response = await UploadAsync(client, "photo.png", html);

        var page = await response.ReadDocumentAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("“photo.png”的文件名像图片，但内容是一个 HTML 页面", page.QuerySelector(".form-errors")?.TextContent);
        Assert.Null(await StoredAsync(html));
    }

    [Fact]
    public async Task Upload_Over20MB_IsRefusedBeforeItIsReadAndTheFormStillWorks()
    {
        var client = await app.SignedInClientAsync();
        var huge = new byte[20 * 1024 * 1024];
        TestPng.Create(1, 2, 3).CopyTo(huge, 0);

        var response = await UploadAsync(client, "huge.png", huge);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin/media", response.Headers.Location?.OriginalString);
        var page = await client.GetDocumentAsync("/admin/media");
        Assert.Contains("上传的内容有 20 MB，超过了“设置”中 10 MB 的上限。没有保存任何内容。", page.QuerySelector(".form-errors")?.TextContent);
        Assert.Null(await StoredAsync(huge));

        var png = TestPng.Create(203, 19, 19, size: 3);
        var retry = await client.SubmitMultipartAsync((AngleSharp.Html.Dom.IHtmlFormElement)page.QuerySelector(UploadForm)!, [Image("smaller.png", png)]);
        Assert.Equal(HttpStatusCode.Redirect, retry.StatusCode);
        Assert.NotNull(await StoredAsync(png));
    }

    [Fact]
    public async Task Upload_FileJustOverTheLimit_IsRefusedWithTheFormKept()
    {
        var client = await app.SignedInClientAsync();
        var store = app.Services.GetRequiredService<SiteSettingsStore>();
        var original = store.Current;
        await store.SaveAsync(original with { UploadLimitBytes = 1024 });
        try
        {
            // A real PNG header and 2 KB more: within the request's allowance, over the file limit.
            var png = TestPng.Create(204, 20, 20).Concat(new byte[2048]).ToArray();

            var response = await UploadAsync(client, "slightly-too-big.png", png);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await response.ReadDocumentAsync();
            Assert.Contains("“slightly-too-big.png”有", page.QuerySelector(".form-errors")?.TextContent);
            Assert.Contains("超过了“设置”中 1 KB 的上传上限", page.QuerySelector(".form-errors")?.TextContent);
            Assert.NotNull(page.QuerySelector($"{UploadForm} input[name='__RequestVerificationToken']"));
            Assert.Null(await StoredAsync(png));
        }
        finally
        {
            await store.SaveAsync(original);
        }
    }

    [Fact]
    public async Task Upload_WithoutAFile_AsksForOne()
    {
        var client = await app.SignedInClientAsync();

        var response = await client.SubmitMultipartFormAsync("/admin/media", UploadForm, []);

        Assert.Contains("请选择要上传的图片。", (await response.ReadDocumentAsync()).QuerySelector(".form-errors")?.TextContent);
    }

    [Fact]
    public async Task Upload_WithoutTheAntiforgeryToken_IsRejected()
    {
        var client = await app.SignedInClientAsync();
        var content = new MultipartFormDataContent { { new ByteArrayContent(TestPng.Create(205, 21, 21)), "Input.File", "forged.png" } };

        var response = await client.PostAsync("/admin/media?handler=Upload", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task List_ManyImages_IsPaged()
    {
        await app.WithDbAsync(async db =>
        {
            for (var i = 0; i < IndexModelPageSize + 1; i++)
            {
                var hash = Hash(Encoding.UTF8.GetBytes($"paging {Guid.NewGuid()}"));
                db.Media.Add(new Blog.Data.Media
                {
                    FileName = hash[..32] + ".png", OriginalName = $"page-{i}.png", ContentType = "image/png",
                    Size = 100, Sha256 = hash, UploadedAt = DateTime.UtcNow,
                });
            }
            await db.SaveChangesAsync();
        });
        var client = await app.SignedInClientAsync();

        var first = await client.GetDocumentAsync("/admin/media");
        var second = await client.GetAsync("/admin/media?page=2");

        Assert.Equal(IndexModelPageSize, first.QuerySelectorAll(".media-item").Length);
        Assert.Equal("/admin/media?page=2", first.QuerySelector(".pager a[rel=next]")?.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/admin/media?page=999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/admin/media?page=0")).StatusCode);
    }

    private const int IndexModelPageSize = Blog.Pages.Admin.Media.IndexModel.PageSize;
}
