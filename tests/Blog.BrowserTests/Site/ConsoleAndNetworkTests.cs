using Blog.BrowserTests.Infrastructure;

namespace Blog.BrowserTests.Site;

public class ConsoleAndNetworkTests(SiteFixture site) : IClassFixture<SiteFixture>
{
    public static TheoryData<string> Pages => new()
    {
        "/", StudyNotes.MathPath, StudyNotes.PlainPath, "/posts/welcome", $"/category/{StudyNotes.MathCategory}", "/archive",
        "/search?q=注意力",
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_LogsNoConsoleErrors_AndEveryRequestSucceeds(string path)
    {
        await using var page = await site.OpenAsync(path);

        Assert.Empty(page.ConsoleErrors);
        Assert.Empty(page.FailedRequests);
        await AssertFaviconLoadsAsync(page);
    }

    [Fact]
    public async Task NotFoundPage_Answers404_AndItsOwnAssetsLoadWithoutErrors()
    {
        const string missing = "/posts/no-such-note";
        await using var page = await site.OpenAsync(missing);

        var document = Assert.Single(page.FailedRequests, f => f.Contains(missing));
        Assert.EndsWith(": 404", document);
        Assert.DoesNotContain(page.FailedRequests, f => !f.Contains(missing));
        // 404 documents make Chromium log "Failed to load resource ... 404" for the page itself; nothing else may.
        Assert.DoesNotContain(page.ConsoleErrors, e => !(e.Contains("404") && e.Contains(missing)));
        Assert.Equal("页面不在这里", await page.Page.Locator("h1").InnerTextAsync());
        Assert.True(await page.EvalAsync<bool>("() => [...document.styleSheets].some(s => s.href && s.href.includes('/css/site.') && s.cssRules.length > 0)"),
            "The 404 page's stylesheet did not load.");
        await AssertFaviconLoadsAsync(page);
    }

    /// <summary>
    /// The icon the page declares answers 200 with an image. Chromium fetches it too, but late enough
    /// that it can miss the failed-request check above; asking for it here makes that certain.
    /// </summary>
    private static async Task AssertFaviconLoadsAsync(BrowserPage page)
    {
        var href = await page.EvalAsync<string?>("() => document.querySelector('link[rel~=\"icon\"]')?.href ?? null");
        Assert.False(string.IsNullOrEmpty(href), "The page declares no favicon.");
        var response = await page.Page.APIRequest.GetAsync(href);
        Assert.True(response.Ok, $"The favicon {href} answered {response.Status}.");
        Assert.StartsWith("image/", response.Headers["content-type"]);
    }
}
