using Blog.BrowserTests.Infrastructure;

namespace Blog.BrowserTests.Site;

public class DarkModeTests(SiteFixture site) : IClassFixture<SiteFixture>
{
    public static TheoryData<string, ColorScheme> Pages => new()
    {
        { "/", ColorScheme.Dark }, { "/", ColorScheme.Light },
        { StudyNotes.MathPath, ColorScheme.Dark }, { StudyNotes.MathPath, ColorScheme.Light },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_FollowsSystemColorScheme_WithReadableText(string path, ColorScheme scheme)
    {
        await using var page = await site.OpenAsync(path, scheme);

        var body = await page.ColorsOfAsync("body");

        if (scheme == ColorScheme.Dark)
            Assert.True(body.BackgroundLuminance < 0.1, $"Dark system theme, but the page is not dark: {body}.");
        else
            Assert.True(body.BackgroundLuminance > 0.8, $"Light system theme, but the page is not light: {body}.");
        Assert.True(body.Contrast >= 4.5, $"Body text is hard to read: {body}.");
    }

    [Theory]
    [InlineData(ColorScheme.Dark)]
    [InlineData(ColorScheme.Light)]
    public async Task Article_TextAndCodeFollowSystemColorScheme(ColorScheme scheme)
    {
        await using var page = await site.OpenAsync(StudyNotes.MathPath, scheme);
        await page.WaitUntilAsync("() => document.querySelector('pre code.hljs')");

        var paragraph = await page.ColorsOfAsync(".article-body p");
        var code = await page.ColorsOfAsync("pre code.language-python");
        var keyword = await page.ColorsOfAsync("pre code.language-python .hljs-keyword");

        Assert.True(paragraph.Contrast >= 4.5, $"Article text is hard to read: {paragraph}.");
        // A white code block in a dark page (or the reverse) is the first thing a reader notices.
        if (scheme == ColorScheme.Dark)
            Assert.True(code.BackgroundLuminance < 0.1, $"Dark system theme, but the code block is not dark: {code}.");
        else
            Assert.True(code.BackgroundLuminance > 0.8, $"Light system theme, but the code block is not light: {code}.");
        Assert.True(code.Contrast >= 4.5, $"Code is hard to read: {code}.");
        Assert.True(keyword.Contrast >= 3, $"Highlighted keywords are hard to read: {keyword}.");
    }
}
