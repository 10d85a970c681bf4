using System.Net;
using Blog.Media;
using Blog.Tests.Import;
using Blog.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Blog.Tests.Images;

public class ArticleImagesTests(BlogAppFactory app) : IClassFixture<BlogAppFactory>
{
    private static byte[] Screenshot(int width, int height) =>
        TestPng.Create((byte)Random.Shared.Next(256), (byte)Random.Shared.Next(256), (byte)Random.Shared.Next(256), width, height);

    private async Task<AngleSharp.Dom.IDocument> ArticleAsync(string markdown)
    {
        var post = await app.AddPostAsync(new PostBuilder().WithMarkdown(markdown));
        return await app.CreateClient().GetDocumentAsync($"/posts/{post.Slug}");
    }

    [Fact]
    public async Task Upload_StoresTheImagesSize()
    {
        var url = await app.AddImageAsync(Screenshot(640, 360), "attention.png");

        var media = await app.WithDbAsync(db => db.Media.SingleAsync(m => url.EndsWith(m.FileName)));

        Assert.Equal((640, 360), (media.Width, media.Height));
    }

    [Fact]
    public async Task Article_Screenshot_HasItsSizeAndWebPCopiesForSmallerScreens()
    {
        var url = await app.AddImageAsync(Screenshot(1200, 600), "image-20240510091624087.png");

        var page = await ArticleAsync($"注意力的计算过程如下：\n\n![image-20240510091624087]({url})\n");

        var img = page.QuerySelector($"picture > img[src='{url}']") ?? throw new Xunit.Sdk.XunitException("no <picture> around the image");
        Assert.Equal("1200", img.GetAttribute("width"));
        Assert.Equal("600", img.GetAttribute("height"));
        Assert.Equal("", img.GetAttribute("alt")); // Typora's file name says nothing to a reader
        Assert.Equal("lazy", img.GetAttribute("loading"));
        var source = page.QuerySelector("picture > source")!;
        Assert.Equal("image/webp", source.GetAttribute("type"));
        var stem = url["/media/".Length..^".png".Length];
        Assert.Equal($"/media/variants/{stem}-480.webp 480w, /media/variants/{stem}-960.webp 960w, /media/variants/{stem}-1200.webp 1200w",
            source.GetAttribute("srcset"));
        Assert.Equal("(max-width: 752px) calc(100vw - 2rem), 720px", source.GetAttribute("sizes"));
    }

    [Fact]
    public async Task Article_ImageWithItsOwnAlt_KeepsIt()
    {
        var url = await app.AddImageAsync(Screenshot(300, 200), "curve.png");

        var page = await ArticleAsync($"![训练损失随 epoch 下降]({url})\n");

        var img = page.QuerySelector("article img")!;
        Assert.Equal("训练损失随 epoch 下降", img.GetAttribute("alt"));
        Assert.Equal("(max-width: 332px) calc(100vw - 2rem), 300px", page.QuerySelector("picture > source")!.GetAttribute("sizes"));
    }

    [Fact]
    public async Task TyporaZoom_BecomesTheWidthAndLeavesTheStyle()
    {
        var images = app.Services.GetRequiredService<ArticleImages>();
        var url = await app.AddImageAsync(Screenshot(800, 500), "zoomed.png");

        var html = images.Apply($"<p><img src=\"{url}\" alt=\"截屏2024-05-10 09.16.24\" style=\"zoom:50%;\"></p>");

        var img = Html.Parse(html).QuerySelector("img")!;
        Assert.Equal("400", img.GetAttribute("width"));
        Assert.Equal("250", img.GetAttribute("height"));
        Assert.Null(img.GetAttribute("style"));
        Assert.Equal("", img.GetAttribute("alt"));
        Assert.Contains("400px", html); // the sizes hint follows the zoomed width
    }

    [Fact]
    public async Task InlineHtmlImage_WithAWidth_GetsTheMatchingHeight()
    {
        var images = app.Services.GetRequiredService<ArticleImages>();
        var url = await app.AddImageAsync(Screenshot(1000, 400), "wide.png");

        var img = Html.Parse(images.Apply($"<img src=\"{url}\" width=\"500\" alt=\"公式推导\">")).QuerySelector("img")!;

        Assert.Equal(("500", "200", "公式推导"), (img.GetAttribute("width"), img.GetAttribute("height"), img.GetAttribute("alt")));
    }

    [Fact]
    public async Task ImageStoredBeforeSizesWereKept_GetsItsSizeFromTheFile()
    {
        var url = await app.AddImageAsync(Screenshot(320, 240), "old.png");
        await app.WithDbAsync(db => db.Media.Where(m => url.EndsWith(m.FileName))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Width, (int?)null).SetProperty(m => m.Height, (int?)null)));
        using var fresh = new SecondNode(app); // another node, or the site restarted: nothing known in memory

        var post = await fresh.AddPostAsync(new PostBuilder().WithMarkdown($"![旧图]({url})"));

        Assert.Contains("width=\"320\" height=\"240\"", post.Html);
    }

    [Fact]
    public async Task Description_BecomesTheAltOfNotesThatGiveNone()
    {
        var url = await app.AddImageAsync(Screenshot(200, 100), "image-20240601120000123.png");
        var post = await app.AddPostAsync(new PostBuilder().WithMarkdown($"![image-20240601120000123]({url})\n\n![我自己的说明]({url})"));
        var client = await app.SignedInClientAsync();
        var id = await app.WithDbAsync(db => db.Media.Where(m => url.EndsWith(m.FileName)).Select(m => m.Id).SingleAsync());

        var response = await client.SubmitFormAsync("/admin/media", $"#media-{id} form.media-describe",
            new Dictionary<string, string> { ["Input.Description"] = "多头注意力的计算流程图" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var library = await client.GetDocumentAsync("/admin/media");
        Assert.Equal("多头注意力的计算流程图", library.QuerySelector($"#media-{id} textarea")?.TextContent);
        Assert.Equal($"![多头注意力的计算流程图]({url})", library.QuerySelector($"#media-{id} code.media-markdown")?.TextContent);
        var alts = (await app.CreateClient().GetDocumentAsync($"/posts/{post.Slug}"))
            .QuerySelectorAll("article img").Select(i => i.GetAttribute("alt")).ToList();
        Assert.Equal(["多头注意力的计算流程图", "我自己的说明"], alts);
    }

    [Fact]
    public async Task Feed_KeepsTheOriginalImages()
    {
        var url = await app.AddImageAsync(Screenshot(1000, 500), "feed.png");
        var post = await app.AddPostAsync(new PostBuilder().WithMarkdown($"订阅里的图片\n\n![架构图]({url})"));

        var feed = await app.CreateClient().GetStringAsync("/feed.xml");

        Assert.Contains($"http://localhost{url}", feed);
        Assert.DoesNotContain("variants/", feed);
        Assert.DoesNotContain("&lt;picture", feed);
        Assert.Contains("<picture>", post.Html);
    }
}
