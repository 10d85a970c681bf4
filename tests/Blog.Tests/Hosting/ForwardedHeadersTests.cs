using System.Net;
using Blog.Tests.Infrastructure;

namespace Blog.Tests.Hosting;

/// <summary>
/// Behind a trusted proxy (loopback), a client's own forwarded headers reach the site: whatever it
/// sends, what it makes the site cache is exactly what anyone else would have been served.
/// </summary>
public class ForwardedHeadersTests(ProxiedBlogApp app) : IClassFixture<ProxiedBlogApp>
{
    private static readonly string[] Pages =
        ["/", "/posts/welcome", "/feed.xml", "/atom.xml", "/category/large-model", "/category/large-model/feed.xml", "/sitemap.xml", "/robots.txt"];

    public static TheoryData<string, string> Headers => new()
    {
        { "X-Forwarded-Prefix", "/category/large-model" },
        { "X-Forwarded-Host", "evil.example" },
        { "X-Forwarded-Proto", "https" },
        { "X-Forwarded-For", "203.0.113.66" },
        { "Forwarded", "for=203.0.113.66;host=evil.example;proto=https" },
        { "X-Forwarded-Server", "evil.example" },
        { "X-Forwarded-Port", "8443" },
        { "X-Original-Host", "evil.example" },
        { "X-Original-URL", "/category/large-model/feed.xml" },
    };

    [Theory]
    [MemberData(nameof(Headers))]
    public async Task AForwardedHeaderFromOneClient_ChangesNothingOthersAreServed(string header, string value)
    {
        // Fresh cache keys for this case: the same pages under a query of its own.
        var probe = Guid.NewGuid().ToString("N")[..8];
        var attacker = app.CreateClient(new() { AllowAutoRedirect = false });
        attacker.DefaultRequestHeaders.TryAddWithoutValidation(header, value);
        // Every page asked with the header first, so that whatever it does is what the cache keeps.
        foreach (var page in Pages)
            await attacker.GetAsync($"{page}?probe={probe}");

        var reader = app.CreateClient(new() { AllowAutoRedirect = false });
        foreach (var page in Pages)
        {
            var served = await reader.GetAsync($"{page}?probe={probe}");
            var unpoisoned = await reader.GetAsync($"{page}?probe={probe}-clean");
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
            Assert.Equal(
                (await unpoisoned.Content.ReadAsStringAsync()).Replace($"{probe}-clean", probe),
                await served.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task TheCanonicalLinkAndFeedUrls_TakeTheSchemeFromTheProxy_NeverTheHostOrAPrefix()
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        client.DefaultRequestHeaders.Add("X-Forwarded-Host", "evil.example");
        client.DefaultRequestHeaders.Add("X-Forwarded-Prefix", "/evil");

        var article = await client.GetDocumentAsync("/posts/welcome?probe=canonical");
        var feed = await client.GetStringAsync("/feed.xml?probe=canonical");

        Assert.Equal("https://localhost/posts/welcome", article.QuerySelector("link[rel=canonical]")?.GetAttribute("href"));
        Assert.Contains("<link>https://localhost/posts/welcome</link>", feed);
        Assert.DoesNotContain("evil", feed);
    }
}
