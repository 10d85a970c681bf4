using System.IO.Compression;
using System.Net;
using System.Text;
using Blog.Tests.Infrastructure;

namespace Blog.Tests.Caching;

public class CachedPagesTests(BlogAppFactory app) : IClassFixture<BlogAppFactory>
{
    [Fact]
    public async Task CachedPage_IsGzippedAsSmallAsGzipsHighestLevel_SoonAfterItIsStored_AndTheSameText()
    {
        await app.AddPostAsync(new PostBuilder("压缩一次 注意力机制").WithMarkdown("# 注意力\n\n$$\\text{softmax}(QK^T/\\sqrt{d})V$$\n\n```python\nprint('缓存')\n```"));
        var client = app.CreateClient();
        var plain = await client.GetByteArrayAsync("/");
        var smallest = Gzip(plain, CompressionLevel.SmallestSize).Length;

        byte[] bytes;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        do
        {
            var gzipped = await GetAsync(client, "/", "gzip");
            Assert.Equal("gzip", Assert.Single(gzipped.Content.Headers.ContentEncoding));
            bytes = await gzipped.Content.ReadAsByteArrayAsync();
            Assert.Equal(Encoding.UTF8.GetString(plain), Decompress(new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress)));
        }
        while (bytes.Length > smallest && DateTime.UtcNow < deadline && await Delay());

        Assert.True(bytes.Length <= smallest, $"{bytes.Length} B gzipped is more than gzip's highest level");
        Assert.True(bytes.Length < Gzip(plain, CompressionLevel.Fastest).Length, "compressed at the fastest level, per request");
    }

    [Fact]
    public async Task CachedPage_IsAnsweredInBrotli_OnceCompressed_AndGzipMeanwhile()
    {
        var post = await app.AddPostAsync(new PostBuilder("布罗特利 压缩").WithMarkdown("长文：" + string.Concat(Enumerable.Repeat("梯度下降与反向传播。", 200))));
        var client = app.CreateClient();
        var plain = await client.GetStringAsync($"/posts/{post.Slug}");

        HttpResponseMessage answer;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        do
        {
            answer = await GetAsync(client, $"/posts/{post.Slug}", "gzip, deflate, br");
            Assert.Contains(answer.Content.Headers.ContentEncoding.Single(), new[] { "br", "gzip" });
        }
        while (answer.Content.Headers.ContentEncoding.Single() != "br" && DateTime.UtcNow < deadline && await Delay());

        Assert.Equal("br", answer.Content.Headers.ContentEncoding.Single());
        Assert.Equal(plain, Decompress(new BrotliStream(await answer.Content.ReadAsStreamAsync(), CompressionMode.Decompress)));
    }

    [Fact]
    public async Task CachedAnswers_KeepTheSecurityHeadersAndVaryByEncoding()
    {
        var client = app.CreateClient();
        await client.GetAsync("/category/python");

        var cached = await GetAsync(client, "/category/python", "gzip");

        Assert.True(cached.Headers.Age.HasValue, "the second answer should come from the cache");
        Assert.Contains("frame-ancestors 'none'", cached.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", cached.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("Accept-Encoding", cached.Headers.Vary);
        Assert.Equal("text/html; charset=utf-8", cached.Content.Headers.ContentType?.ToString());
    }

    [Fact]
    public async Task CachedFeed_AnswersNotModified_ToItsETag()
    {
        var client = app.CreateClient();
        var first = await client.GetAsync("/atom.xml");
        var etag = first.Headers.ETag!;
        await client.GetAsync("/atom.xml");

        using var conditional = new HttpRequestMessage(HttpMethod.Get, "/atom.xml");
        conditional.Headers.IfNoneMatch.Add(etag);
        var answer = await client.SendAsync(conditional);

        Assert.Equal(HttpStatusCode.NotModified, answer.StatusCode);
        Assert.True(answer.Headers.Age.HasValue, "answered from the cache");
        Assert.Empty(await answer.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Head_OfACachedPage_HasItsHeadersAndNoBody()
    {
        var client = app.CreateClient();
        var length = (await client.GetByteArrayAsync("/archive")).Length;

        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/archive"));

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.True(head.Headers.Age.HasValue);
        Assert.Equal(length, head.Content.Headers.ContentLength);
    }

    /// <summary>A pause between looks: the smaller compressions are real work on a background thread, not a time to reach.</summary>
    private static async Task<bool> Delay()
    {
        await Task.Delay(50);
        return true;
    }

    private static Task<HttpResponseMessage> GetAsync(HttpClient client, string url, string acceptEncoding)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        return client.SendAsync(request);
    }

    private static byte[] Gzip(byte[] bytes, CompressionLevel level)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, level))
            gzip.Write(bytes);
        return buffer.ToArray();
    }

    private static string Decompress(Stream stream)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
