using Blog.BrowserTests.Infrastructure;

namespace Blog.BrowserTests.Site;

public class PhoneLayoutTests(SiteFixture site) : IClassFixture<SiteFixture>
{
    public static TheoryData<string, ColorScheme> Pages => new()
    {
        { "/", ColorScheme.Light }, { "/", ColorScheme.Dark },
        { StudyNotes.MathPath, ColorScheme.Light }, { StudyNotes.MathPath, ColorScheme.Dark },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Phone_PageDoesNotScrollSideways(string path, ColorScheme scheme)
    {
        await using var page = await site.OpenAsync(path, scheme, width: SiteFixture.PhoneWidth, height: 800);
        if (path == StudyNotes.MathPath)
        {
            await page.WaitUntilAsync("n => document.querySelectorAll('.article-body .katex').length >= n", StudyNotes.MathFormulaCount);
            // The 1600px diagram must have arrived, or its width proves nothing. A phone gets a narrower
            // WebP copy of it, laid out at the width the page gives it.
            Assert.True(await page.WaitUntilAsync("w => [...document.images].some(i => i.complete && i.naturalWidth > 0 && i.getAttribute('width') === String(w))", StudyNotes.WideImageWidth),
                "The wide diagram in the article never loaded.");
        }

        var overflow = (await page.EvalJsonAsync<Overflow>(Js.HorizontalOverflow))!;

        Assert.True(overflow.ScrollWidth <= overflow.InnerWidth,
            $"At {SiteFixture.PhoneWidth}px the page is {overflow.ScrollWidth}px wide; sticking out: {string.Join("; ", overflow.Offenders)}.");
    }

    [Fact]
    public async Task Phone_WideTableAndLongFormula_ScrollSidewaysInPlace()
    {
        await using var page = await site.OpenAsync(StudyNotes.MathPath, width: SiteFixture.PhoneWidth, height: 800);
        await page.WaitUntilAsync("n => document.querySelectorAll('.article-body .katex').length >= n", StudyNotes.MathFormulaCount);

        // The 13-column table and the long objective are wider than a phone: the reader must be able to
        // swipe them sideways to read the rest, without the page itself moving.
        var table = await ScrollerOfAsync(page, ".article-body table");
        var formula = await ScrollerOfAsync(page, ".article-body .katex-display:has(.mord.mathcal)");

        Assert.True(table.Wider, $"The table is not wider than the phone ({table}); the test proves nothing.");
        Assert.True(table.Scrolls, $"The wide table cannot be scrolled sideways: {table}.");
        Assert.True(formula.Wider, $"The long formula is not wider than the phone ({formula}); the test proves nothing.");
        Assert.True(formula.Scrolls, $"The long formula cannot be scrolled sideways: {formula}.");
    }

    /// <summary>The nearest element around <paramref name="selector"/> (itself included) that clips it, and whether it scrolls.</summary>
    private static async Task<Scroller> ScrollerOfAsync(BrowserPage page, string selector) =>
        await page.EvalJsonAsync<Scroller>("""
            selector => {
              const target = document.querySelector(selector);
              if (!target) return null;
              // Its natural width: a clipped box's own width would hide how wide the content is.
              const width = Math.max(target.scrollWidth, target.getBoundingClientRect().width,
                ...[...target.querySelectorAll('.katex, .katex-html')].map(e => e.getBoundingClientRect().width));
              for (let el = target; el && el !== document.body; el = el.parentElement) {
                const overflowX = getComputedStyle(el).overflowX;
                if (overflowX !== 'visible') {
                  const before = el.scrollLeft;
                  el.scrollLeft = 10000;
                  const moved = el.scrollLeft > before;
                  el.scrollLeft = before;
                  return { element: el.tagName.toLowerCase() + '.' + [...el.classList].join('.'), overflowX,
                           contentWidth: width, boxWidth: el.clientWidth, wider: width > window.innerWidth, scrolls: moved };
                }
              }
              return { element: 'none', overflowX: 'visible', contentWidth: width, boxWidth: 0, wider: width > window.innerWidth, scrolls: false };
            }
            """, selector)
        ?? throw new Xunit.Sdk.XunitException($"No element matches `{selector}`.");

    public sealed record Overflow(int ScrollWidth, int InnerWidth, string[] Offenders);

    public sealed record Scroller(string Element, string OverflowX, double ContentWidth, double BoxWidth, bool Wider, bool Scrolls);
}
