using System.Net;
using System.Xml.Linq;
using Blog.Tests.Infrastructure;

namespace Blog.Tests.Hosting;

/// <summary>
/// A slug with Chinese, an apostrophe, a space and brackets is linked with the very same escaping
/// everywhere a reader or a crawler meets it: bookmarks, feed readers and search engines hold
/// these bytes, and a page that spelled the link differently would count as another URL.
/// </summary>
public class LinksTests(BlogAppFactory app) : IClassFixture<BlogAppFactory>
{
    private const string Slug = "注意力's (笔记)!";
    private const string Path = "/posts/%E6%B3%A8%E6%84%8F%E5%8A%9B%27s%20%28%E7%AC%94%E8%AE%B0%29%21";

    [Fact]
    public async Task APunctuatedChineseSlug_IsEscapedAlikeInPagesFeedsSitemapAndSearch_AndOpensThePost()
    {
        await app.AddPostAsync(new PostBuilder("注意力机制：缩放点积").WithSlug(Slug).InCategory("large-model").WithTags("注意力")
            .WithMarkdown("缩放因子 $\\frac{1}{\\sqrt{d_k}}$ 让 softmax 不至于饱和。\n\n```python\nscores = q @ k.T / d ** 0.5\n```\n"));
        var client = app.CreateClient();

        var home = await client.GetDocumentAsync("/");
        var category = await client.GetDocumentAsync("/category/large-model");
        var search = await client.GetDocumentAsync("/search?q=" + Uri.EscapeDataString("缩放点积"));
        var article = await client.GetDocumentAsync(Path);
        var rss = XDocument.Parse(await client.GetStringAsync("/feed.xml"));
        var atom = XDocument.Parse(await client.GetStringAsync("/atom.xml"));
        var sitemap = XDocument.Parse(await client.GetStringAsync("/sitemap.xml"));

        Assert.NotNull(home.QuerySelector($".post-list a[href=\"{Path}\"]"));
        Assert.NotNull(category.QuerySelector($".post-list a[href=\"{Path}\"]"));
        Assert.NotNull(search.QuerySelector($".search-results a[href=\"{Path}\"]"));
        Assert.Equal("http://localhost" + Path, article.QuerySelector("link[rel=canonical]")?.GetAttribute("href"));
        Assert.Contains(rss.Descendants("link"), l => l.Value == "http://localhost" + Path);
        Assert.Contains(atom.Descendants(XName.Get("link", "http://www.w3.org/2005/Atom")), l => (string?)l.Attribute("href") == "http://localhost" + Path);
        Assert.Contains(sitemap.Descendants(XName.Get("loc", "http://www.sitemaps.org/schemas/sitemap/0.9")), l => l.Value == "http://localhost" + Path);
        var tagLink = article.QuerySelector(".post-tags a, a[href^=\"/tag/\"]")?.GetAttribute("href");
        Assert.Equal("/tag/%E6%B3%A8%E6%84%8F%E5%8A%9B", tagLink);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(tagLink)).StatusCode);
    }
}
