using System.Net;
using System.Xml.Linq;
using Blog.Tests.Infrastructure;

namespace Blog.Tests.Discovery;

/// <summary>
/// Past the protocol's 50,000 URLs a file, /sitemap.xml is a sitemap index. The limit is lowered
/// to 3 here so that six posts (five and the welcome post) cross it.
/// </summary>
public sealed class SitemapIndexTests : IDisposable
{
    private static readonly XNamespace Ns = "http://www.sitemaps.org/schemas/sitemap/0.9";

    private readonly BlogAppFactory _app = new() { Configuration = { ["Blog:SitemapUrls"] = "3" } };

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Sitemap_PastTheLimit_IsAnIndexOfFilesThatTogetherListEveryUrlOnce()
    {
        var posts = new List<string>();
        for (var i = 0; i < 5; i++)
            posts.Add((await _app.AddPostAsync(new PostBuilder($"地图分片 {i}").InCategory("python").WithTags("分片"))).Slug);
        posts.Add("welcome");
        var draft = await _app.AddPostAsync(new PostBuilder("地图分片 草稿").AsDraft());
        var client = _app.CreateClient();

        var index = XDocument.Parse(await client.GetStringAsync("/sitemap.xml"));
        var files = index.Root!.Elements(Ns + "sitemap").Select(s => s.Element(Ns + "loc")!.Value).ToList();
        var urls = new List<string>();
        foreach (var file in files)
        {
            var set = XDocument.Parse(await client.GetStringAsync(file));
            Assert.Equal(Ns + "urlset", set.Root!.Name);
            var locations = set.Root.Elements(Ns + "url").Select(u => u.Element(Ns + "loc")!.Value).ToList();
            if (file.Contains("/sitemap-posts-"))
                Assert.InRange(locations.Count, 1, 3);
            urls.AddRange(locations);
        }

        Assert.Equal(Ns + "sitemapindex", index.Root.Name);
        Assert.Equal(["http://localhost/sitemap-pages.xml", "http://localhost/sitemap-posts-1.xml", "http://localhost/sitemap-posts-2.xml"], files);
        Assert.Equal(urls.Count, urls.Distinct().Count());
        Assert.Contains("http://localhost/", urls);
        Assert.Contains("http://localhost/category/python", urls);
        Assert.All(posts, slug => Assert.Contains($"http://localhost/posts/{slug}", urls));
        Assert.DoesNotContain($"http://localhost/posts/{draft.Slug}", urls);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/sitemap-posts-3.xml")).StatusCode);
    }
}
