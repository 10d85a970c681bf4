using Blog.BrowserTests.Infrastructure;

namespace Blog.BrowserTests.Site;

/// <summary>
/// Saves full-page PNGs of the home page and the math article, phone and desktop, light and dark,
/// into tests/Blog.BrowserTests/bin/screenshots/ for a human to look at (bin/ is not committed).
/// </summary>
public class ScreenshotTests(SiteFixture site) : IClassFixture<SiteFixture>
{
    public static readonly string Folder =
        Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "screenshots"));

    [Theory]
    [InlineData("home", "/")]
    [InlineData("article", StudyNotes.MathPath)]
    public async Task Screenshots_LightAndDark_LookDifferent_AtPhoneAndDesktopWidths(string name, string path)
    {
        Directory.CreateDirectory(Folder);
        foreach (var width in new[] { 390, SiteFixture.DesktopWidth })
        {
            var shots = new Dictionary<ColorScheme, byte[]>();
            foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
            {
                await using var page = await site.OpenAsync(path, scheme, width: width, height: width == 390 ? 844 : 800);
                if (path != "/")
                    await page.WaitUntilAsync("n => document.querySelectorAll('.article-body .katex').length >= n", StudyNotes.MathFormulaCount);
                var file = Path.Combine(Folder, $"{name}-{width}-{scheme.ToString().ToLowerInvariant()}.png");
                shots[scheme] = await page.Page.ScreenshotAsync(new() { Path = file, FullPage = true });
                Assert.True(new FileInfo(file).Length > 5_000, $"{file} is suspiciously small: is the page blank?");
                // What the reader sees first, and (in the article) the wide table and formulas on screen.
                await page.Page.ScreenshotAsync(new() { Path = file.Replace(".png", "-first-screen.png") });
                if (path != "/")
                {
                    await page.Page.Locator(".article-body .table-scroll").First.ScrollIntoViewIfNeededAsync();
                    await page.Page.ScreenshotAsync(new() { Path = file.Replace(".png", "-table.png") });
                }
            }
            Assert.False(shots[ColorScheme.Light].AsSpan().SequenceEqual(shots[ColorScheme.Dark]),
                $"{name} at {width}px looks the same in light and dark.");
        }
    }
}
