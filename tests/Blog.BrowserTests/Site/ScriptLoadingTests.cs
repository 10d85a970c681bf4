using Blog.BrowserTests.Infrastructure;

namespace Blog.BrowserTests.Site;

/// <summary>KaTeX's styles and fonts and highlight.js (~130 kB) load only where a page needs them; KaTeX's script never.</summary>
public class ScriptLoadingTests(SiteFixture site) : IClassFixture<SiteFixture>
{
    [Fact]
    public async Task Home_LoadsNeitherKatexNorHighlightJs()
    {
        await using var page = await site.OpenAsync("/");

        Assert.DoesNotContain(page.Requests, url => url.Contains("katex", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(page.Requests, url => url.Contains("highlight", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task ArticleWithoutMath_LoadsNoKatex_ButHighlightsItsCode()
    {
        await using var page = await site.OpenAsync(StudyNotes.PlainPath);

        Assert.DoesNotContain(page.Requests, url => url.Contains("katex", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(page.Requests, url => url.Contains("/lib/highlight/", StringComparison.Ordinal) && url.EndsWith(".js", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ArticleWithMath_LoadsKatexStylesAndFonts_FromTheSiteItself_ButNoMathScript()
    {
        await using var page = await site.OpenAsync(StudyNotes.MathPath);
        var origin = site.Server.BaseAddress.GetLeftPart(UriPartial.Authority);

        // The formulas were typeset on the server: the page needs KaTeX's styles and fonts only.
        Assert.DoesNotContain(page.Requests, url => url.Contains("/lib/katex/") && url.EndsWith(".js"));
        Assert.Contains(page.Requests, url => url.Contains("/lib/katex/") && url.EndsWith(".css"));
        Assert.Contains(page.Requests, url => url.Contains("/lib/katex/fonts/") && url.EndsWith(".woff2"));
        // No CDN: every request stays on the site (data: URLs are inline, not requests to anyone).
        Assert.All(page.Requests.Where(url => !url.StartsWith("data:")), url => Assert.StartsWith(origin, url));
    }

    [Fact]
    public async Task Article_StylesAndScriptsHaveFingerprintedUrls_CachedForAYear()
    {
        await using var page = await site.OpenAsync(StudyNotes.MathPath);

        // A new release changes the URL, so returning readers get it at once and never re-download the rest.
        var assets = page.Requests.Where(url => url.EndsWith(".css") || url.EndsWith(".js")).ToList();
        Assert.NotEmpty(assets);
        Assert.All(assets, url => Assert.Matches(@"\.[a-z0-9]{8,}\.(css|js)$", url));
        foreach (var url in assets)
        {
            var response = await page.Page.APIRequest.GetAsync(url);
            Assert.Equal(200, response.Status);
            Assert.Contains("immutable", response.Headers["cache-control"]);
        }
    }
}
