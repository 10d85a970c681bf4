using System.Net;
using Blog.Tests.Infrastructure;

namespace Blog.Tests.Security;

/// <summary>
/// Every page, public or admin, forbids inline script and framing, does not let the browser sniff
/// types, and keeps the referrer to its origin; admin pages are never cached.
/// </summary>
public class HeadersTests(BlogAppFactory app) : IClassFixture<BlogAppFactory>
{
    public static TheoryData<string> PublicPages =>
    [
        "/", "/?page=2", "/posts/welcome", "/archive", "/search?q=注意力", "/category/large-model", "/feed.xml", "/atom.xml",
        "/sitemap.xml", "/robots.txt", "/healthz", "/posts/no-such-note", "/admin/login", "/favicon.ico",
    ];

    public static TheoryData<string> AdminPages =>
    [
        "/admin", "/admin/posts", "/admin/posts/new", "/admin/categories", "/admin/tags", "/admin/media", "/admin/import",
        "/admin/settings", "/admin/account/password",
    ];

    private static void AssertSecurityHeaders(string url, HttpResponseMessage response)
    {
        var headers = response.Headers;
        var csp = Assert.Single(headers.GetValues("Content-Security-Policy"));
        var directives = csp.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .ToDictionary(d => d.Split(' ')[0], d => d.Split(' ')[1..]);
        Assert.Equal(["'self'"], directives["script-src"]); // no 'unsafe-inline', no 'unsafe-eval', no other host
        Assert.Equal(["'self'"], directives["default-src"]);
        Assert.Equal(["'none'"], directives["frame-ancestors"]);
        Assert.Equal(["'none'"], directives["object-src"]);
        Assert.Equal(["'self'", "data:"], directives["img-src"]); // no tracking pixels from any host; hosts only when the author lists them
        Assert.Equal(["'self'"], directives["base-uri"]);
        Assert.Equal(["'self'"], directives["form-action"]);
        Assert.Equal("nosniff", Assert.Single(headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(headers.GetValues("X-Frame-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(headers.GetValues("Referrer-Policy")));
        Assert.False(headers.Contains("Strict-Transport-Security"), $"{url}: HSTS over plain HTTP");
    }

    /// <summary>What the CSP forbids, checked in the HTML too: a script the CSP blocks would be a broken page.</summary>
    private static async Task AssertNoInlineScriptAsync(string url, HttpResponseMessage response)
    {
        if (response.Content.Headers.ContentType?.MediaType != "text/html")
            return;
        var page = await response.ReadDocumentAsync();
        // JSON-LD is data, not script: the CSP does not apply to it (its escaping is the XSS tests' business).
        Assert.All(page.QuerySelectorAll("script:not([type='application/ld+json'])"), s =>
        {
            Assert.False(string.IsNullOrEmpty(s.GetAttribute("src")), $"{url}: an inline <script>");
            Assert.True(string.IsNullOrWhiteSpace(s.TextContent), $"{url}: a <script src> with a body");
            Assert.StartsWith("/", s.GetAttribute("src"));
        });
        Assert.All(page.All, e => Assert.DoesNotContain(e.Attributes, a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)));
        Assert.All(page.QuerySelectorAll("[href], [src], [action], [formaction]"), e => Assert.DoesNotContain(e.Attributes,
            a => a.Name is "href" or "src" or "action" or "formaction" && a.Value.TrimStart().StartsWith("javascript:", StringComparison.OrdinalIgnoreCase)));
    }

    [Theory]
    [MemberData(nameof(PublicPages))]
    public async Task PublicPage_CarriesTheSecurityHeaders_AndNoInlineScript(string url)
    {
        var response = await app.CreateClient().GetAsync(url);

        AssertSecurityHeaders(url, response);
        await AssertNoInlineScriptAsync(url, response);
    }

    [Theory]
    [MemberData(nameof(AdminPages))]
    public async Task AdminPage_CarriesTheSecurityHeaders_NoInlineScript_AndIsNeverCached(string url)
    {
        var client = await app.SignedInClientAsync();

        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertSecurityHeaders(url, response);
        Assert.True(response.Headers.CacheControl?.NoStore, $"{url}: Cache-Control {response.Headers.CacheControl}");
        await AssertNoInlineScriptAsync(url, response);
    }

    [Fact]
    public async Task StaticFilesAndImages_CarryTheSecurityHeadersToo()
    {
        var client = app.CreateClient();
        var article = await client.GetDocumentAsync("/posts/welcome");
        var stylesheet = article.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href")!;
        var script = article.QuerySelector("script[src]")!.GetAttribute("src")!;
        var image = await app.AddImageAsync();

        foreach (var url in new[] { stylesheet, script })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            AssertSecurityHeaders(url, response);
        }
        // An image opened on its own gets a stricter policy still: a sandbox where nothing runs.
        var served = await client.GetAsync(image);
        Assert.Equal("nosniff", Assert.Single(served.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox", Assert.Single(served.Headers.GetValues("Content-Security-Policy")));
    }
}

/// <summary>Configured for HTTPS, the site insists on it: HSTS on every answer, and plain HTTP is redirected.</summary>
public class HttpsHeadersTests : IClassFixture<HttpsHeadersTests.HttpsApp>
{
    public sealed class HttpsApp : BlogAppFactory
    {
        public HttpsApp() => Configuration["Blog:BaseUrl"] = "https://notes.example.org";
    }

    private readonly HttpsApp _app;

    public HttpsHeadersTests(HttpsApp app) => _app = app;

    [Fact]
    public async Task OverHttps_EveryAnswerCarriesHsts()
    {
        var client = _app.CreateClient(new() { BaseAddress = new Uri("https://notes.example.org"), AllowAutoRedirect = false });

        foreach (var url in new[] { "/", "/posts/welcome", "/admin/login" })
        {
            var response = await client.GetAsync(url);
            var hsts = Assert.Single(response.Headers.GetValues("Strict-Transport-Security"));
            Assert.Matches(@"^max-age=\d{7,}", hsts); // months, not seconds
        }
    }

    [Fact]
    public async Task OverPlainHttp_TheBrowserIsSentToHttps()
    {
        var client = _app.CreateClient(new() { BaseAddress = new Uri("http://notes.example.org"), AllowAutoRedirect = false });

        var response = await client.GetAsync("/admin/login");

        Assert.True((int)response.StatusCode is 301 or 307 or 308, $"answered {(int)response.StatusCode}");
        Assert.Equal("https", response.Headers.Location?.Scheme);
    }
}

/// <summary>The image hosts the author lists (Blog:ImageHosts) are the only ones besides the site's own.</summary>
public class ImageHostsTests
{
    [Fact]
    public async Task ListedImageHosts_AreTheOnlyOtherImageSourcesTheCspAllows()
    {
        using var app = new BlogAppFactory
        {
            Configuration =
            {
                ["Blog:ImageHosts:0"] = "images.example.com",
                ["Blog:ImageHosts:1"] = "https://CDN.example.org:8443/",
                ["Blog:ImageHosts:2"] = "*.githubusercontent.com",
            },
        };

        var response = await app.CreateClient().GetAsync("/posts/welcome");

        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("img-src 'self' data: https://images.example.com https://cdn.example.org:8443 https://*.githubusercontent.com;", csp);
    }

    [Theory]
    [InlineData("images.example.com; script-src *")]
    [InlineData("https://images.example.com/pixels/")]
    [InlineData("javascript://x")]
    public void AnImageHostThatIsNotAHost_StopsTheStart(string host)
    {
        using var app = new BlogAppFactory { Configuration = { ["Blog:ImageHosts:0"] = host } };

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("Blog:ImageHosts", error.ToString());
    }
}
