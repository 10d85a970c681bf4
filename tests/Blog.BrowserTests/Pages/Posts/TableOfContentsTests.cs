using Blog.BrowserTests.Infrastructure;

namespace Blog.BrowserTests.Pages.Posts;

public class TableOfContentsTests(SiteFixture site) : IClassFixture<SiteFixture>
{
    [Theory]
    [InlineData("3. 结论", "3-结论", SiteFixture.DesktopWidth)]
    [InlineData("2.1 训练", "2-1-训练", SiteFixture.DesktopWidth)]
    [InlineData("3. 结论", "3-结论", SiteFixture.PhoneWidth)]
    public async Task TocLink_JumpsToItsHeading_HeadingIsVisibleAndUrlHasItsAnchor(string heading, string anchor, int width)
    {
        await using var page = await site.OpenAsync(StudyNotes.MathPath, width: width);
        var before = await page.EvalJsonAsync<OnScreen>(Js.OnScreen, anchor)
            ?? throw new Xunit.Sdk.XunitException($"The article has no heading with id `{anchor}`.");
        Assert.False(before.Inside, $"`{heading}` is already on screen before the jump; the test proves nothing.");

        await page.Page.Locator(".toc").GetByRole(AriaRole.Link, new() { Name = heading, Exact = true }).ClickAsync();
        // Where the page comes to rest counts, not a frame of a smooth scroll on its way there.
        await page.WaitUntilAsync("""
            id => {
              const settled = window.__lastScrollY === window.scrollY;
              window.__lastScrollY = window.scrollY;
              return settled && decodeURIComponent(location.hash) === '#' + id;
            }
            """, anchor);

        Assert.Equal("#" + anchor, await page.EvalAsync<string>("() => decodeURIComponent(location.hash)"));
        var after = (await page.EvalJsonAsync<OnScreen>(Js.OnScreen, anchor))!;
        Assert.True(after.Inside, $"After the jump `{heading}` spans {after.Top:0}..{after.Bottom:0}px of a {after.Viewport}px viewport.");
        Assert.True(after.Visible, $"After the jump `{heading}` is covered by {after.Covering}.");
    }

    public sealed record OnScreen(double Top, double Bottom, int Viewport, bool Inside, bool Visible, string? Covering);
}
