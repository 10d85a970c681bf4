using System.Net;
using Blog.Media;
using Blog.Tests.Import;
using Blog.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Blog.Tests.Images;

public class VariantTests(FakeClockBlogApp app) : IClassFixture<FakeClockBlogApp>
{
    private static byte[] Screenshot(int width, int height) =>
        TestPng.Create((byte)Random.Shared.Next(256), (byte)Random.Shared.Next(256), (byte)Random.Shared.Next(256), width, height);

    private string VariantFile(string url, int width) =>
        Path.Combine(app.MediaFolder, "variants", $"{url["/media/".Length..^".png".Length]}-{width}.webp");

    private static string VariantUrl(string url, int width) => $"/media/variants/{url["/media/".Length..^".png".Length]}-{width}.webp";

    [Fact]
    public async Task MissingCopy_IsMadeWhenAskedFor_AsAWebPCachedForGood()
    {
        var url = await app.AddImageAsync(Screenshot(1000, 700), "on-demand.png");
        // Whether or not the queue got to it first (before its first copy, variants/ does not exist).
        if (File.Exists(VariantFile(url, 480)))
            File.Delete(VariantFile(url, 480));

        var response = await app.CreateClient().GetAsync(VariantUrl(url, 480));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/webp", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("immutable", response.Headers.CacheControl?.ToString());
        var webp = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(ImageFormats.WebP, ImageFormats.Detect(webp));
        Assert.Equal(new PixelSize(480, 336), ImageProbe.Of(webp));
        Assert.True(File.Exists(VariantFile(url, 480)));
    }

    [Fact]
    public async Task CopyOfAWidthTheArticlesDoNotUse_IsNeverMade()
    {
        var url = await app.AddImageAsync(Screenshot(1000, 700), "odd-width.png");

        var response = await app.CreateClient(new() { AllowAutoRedirect = false }).GetAsync(VariantUrl(url, 123));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(url, response.Headers.Location?.OriginalString);
        Assert.False(File.Exists(VariantFile(url, 123)));
    }

    [Fact]
    public async Task StoredImage_GetsItsCopiesInTheBackground()
    {
        var url = await app.AddImageAsync(Screenshot(1100, 300), "queued.png");
        _ = app.CreateClient(); // the site (and its queue) is running

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!new[] { 480, 960, 1100 }.All(w => File.Exists(VariantFile(url, w))) && DateTime.UtcNow < deadline)
        {
            app.Clock.Advance(VariantQueue.Quiet); // the queue waits for a quiet moment on the site's clock
            await Task.Delay(50); // then makes the copies, real work on its own thread
        }

        Assert.All(new[] { 480, 960, 1100 }, w => Assert.True(File.Exists(VariantFile(url, w)), $"no {w} px copy"));
        Assert.False(File.Exists(VariantFile(url, 1600))); // never wider than the original
    }

    [Fact]
    public async Task ImageClaimingAHugeSize_IsStoredButNeverDecoded()
    {
        var bomb = TestPng.Claiming(100_000, 100_000);
        var url = await app.AddImageAsync(bomb, "bomb.png");

        var post = await app.AddPostAsync(new PostBuilder().WithMarkdown($"![炸弹]({url})"));
        var response = await app.CreateClient(new() { AllowAutoRedirect = false }).GetAsync(VariantUrl(url, 480));

        Assert.DoesNotContain("<picture>", post.Html);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False(Directory.Exists(Path.Combine(app.MediaFolder, "variants")) && Directory.EnumerateFiles(Path.Combine(app.MediaFolder, "variants"), url[7..^4] + "*").Any());
    }

    [Fact]
    public async Task DeletingAnImage_RemovesItsCopies()
    {
        var url = await app.AddImageAsync(Screenshot(600, 400), "delete-me.png");
        await app.CreateClient().GetAsync(VariantUrl(url, 480));
        Assert.True(File.Exists(VariantFile(url, 480)));
        var client = await app.SignedInClientAsync();
        var id = await app.WithDbAsync(db => Task.FromResult(db.Media.Single(m => url.EndsWith(m.FileName)).Id));

        await client.SubmitFormAsync($"/admin/media/{id}/delete", "form.media-delete");

        Assert.False(File.Exists(VariantFile(url, 480)));
        Assert.False(File.Exists(VariantFile(url, 600)));
    }
}
