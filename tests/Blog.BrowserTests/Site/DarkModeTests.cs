using Blog.BrowserTests.Infrastructure;

namespace Blog.BrowserTests.Site;

public class DarkModeTests(SiteFixture site) : IClassFixture<SiteFixture>
{
    [Theory]
    [InlineData(ColorScheme.Dark)]
    [InlineData(ColorScheme.Light)]
    public async Task Home_FollowsSystemColorScheme_WithReadableText(ColorScheme scheme)
    {
        await using var page = await site.OpenAsync("/", scheme);

        var body = await page.ColorsOfAsync("body");
        var excerpt = await page.ColorsOfAsync(".post-excerpt");

        AssertTheme(scheme, "The page", body);
        Assert.True(body.Contrast >= 4.5, $"Body text is hard to read: {body}.");
        Assert.True(excerpt.Contrast >= 4.5, $"Excerpts are hard to read: {excerpt}.");
    }

    [Theory]
    [InlineData(ColorScheme.Dark)]
    [InlineData(ColorScheme.Light)]
    public async Task Article_PageTextAndCodeFollowSystemColorScheme(ColorScheme scheme)
    {
        await using var page = await site.OpenAsync(StudyNotes.MathPath, scheme);
        await page.WaitUntilAsync("() => document.querySelector('pre code.hljs')");

        var body = await page.ColorsOfAsync("body");
        var paragraph = await page.ColorsOfAsync(".article-body p");
        var code = await page.ColorsOfAsync("pre code.language-python");
        var keyword = await page.ColorsOfAsync("pre code.language-python .hljs-keyword");
        var formula = await page.ColorsOfAsync(".article-body .katex-display .katex");

        AssertTheme(scheme, "The page", body);
        Assert.True(paragraph.Contrast >= 4.5, $"Article text is hard to read: {paragraph}.");
        // A white code block in a dark page (or the reverse) is the first thing a reader notices.
        AssertTheme(scheme, "The code block", code);
        Assert.True(code.Contrast >= 4.5, $"Code is hard to read: {code}.");
        Assert.True(keyword.Contrast >= 3, $"Highlighted keywords are hard to read: {keyword}.");
        Assert.True(formula.Contrast >= 4.5, $"Display formulas are hard to read: {formula}.");
    }

    private static void AssertTheme(ColorScheme scheme, string what, ElementColors colors)
    {
        if (scheme == ColorScheme.Dark)
            Assert.True(colors.BackgroundLuminance < 0.1, $"Dark system theme, but {what.ToLowerInvariant()} is not dark: {colors}.");
        else
            Assert.True(colors.BackgroundLuminance > 0.8, $"Light system theme, but {what.ToLowerInvariant()} is not light: {colors}.");
    }
}
