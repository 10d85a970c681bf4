using System.Net;
using System.Xml.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Blog.Tests.Infrastructure;

namespace Blog.Tests.Hosting;

public class PublicUrlTests
{
    [Fact]
    public async Task ConfiguredBaseUrl_IsUsedForCanonicalLinksAndFeeds()
    {
        using var app = new BlogAppFactory { Configuration = { ["Blog:BaseUrl"] = "https://notes.example.org/" } };

        var home = await app.CreateClient().GetDocumentAsync("/posts/welcome");
        var rss = XDocument.Parse(await app.CreateClient().GetStringAsync("/feed.xml"));

        Assert.Equal("https://notes.example.org/posts/welcome", home.QuerySelector("link[rel=canonical]")?.GetAttribute("href"));
        Assert.Equal("https://notes.example.org/feed.xml", home.QuerySelector("link[type='application/rss+xml']")?.GetAttribute("href"));
        Assert.Contains(rss.Descendants("link"), l => l.Value == "https://notes.example.org/posts/welcome");
    }

    [Theory]
    [InlineData("203.0.113.9", "http://localhost/")]
    [InlineData("127.0.0.1", "https://localhost/")] // the scheme from the proxy, never the host
    public async Task ForwardedHeaders_AreBelievedOnlyFromATrustedProxy(string clientAddress, string expectedCanonical)
    {
        using var app = new BlogAppFactory();
        var client = app.WithWebHostBuilder(b => b.ConfigureServices(s =>
            s.AddTransient<IStartupFilter>(_ => new ProxiedBlogApp.RemoteAddress(IPAddress.Parse(clientAddress))))).CreateClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        client.DefaultRequestHeaders.Add("X-Forwarded-Host", "blog.example.com");

        var page = await client.GetDocumentAsync("/");

        Assert.Equal(expectedCanonical, page.QuerySelector("link[rel=canonical]")?.GetAttribute("href"));
    }
}
