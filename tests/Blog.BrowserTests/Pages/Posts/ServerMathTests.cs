using Blog.BrowserTests.Infrastructure;

namespace Blog.BrowserTests.Pages.Posts;

/// <summary>Formulas arrive typeset: readable with scripts off, and the page does not move when fonts and scripts arrive.</summary>
public class ServerMathTests(SiteFixture site) : IClassFixture<SiteFixture>
{
    [Fact]
    public async Task Article_WithScriptsOff_ShowsEveryFormulaTypeset_NoTex()
    {
        await using var page = await site.OpenAsync(StudyNotes.MathPath, configure: o => o.JavaScriptEnabled = false);

        var typeset = await page.EvalAsync<int>("() => document.querySelectorAll('.article-body .katex').length");
        var text = await page.EvalAsync<string>("() => document.querySelector('.article-body').innerText");
        var width = await page.EvalAsync<double>(
            "() => document.querySelector('.article-body .katex-display .katex-html').getBoundingClientRect().width");

        Assert.Equal(StudyNotes.MathFormulaCount, typeset);
        Assert.DoesNotContain(@"\frac", text);
        Assert.DoesNotContain(@"\mathrm", text);
        Assert.DoesNotContain("$", text);
        Assert.True(width > 100, $"The display formula is laid out by KaTeX's styles ({width}px wide).");
    }

    [Fact]
    public async Task Article_WithMath_HasNoLayoutShift()
    {
        // Formulas alone (no image, whose size is another matter): inline ones in every paragraph, display ones between.
        var markdown = string.Join("\n\n", Enumerable.Range(1, 30).Select(i =>
            $"第 {i} 段：损失 $\\mathcal{{L}}_{i} = -\\sum_{{t=1}}^{{T}} \\log p_\\theta(y_t \\mid y_{{<t}})$ 与缩放 $\\frac{{QK^\\top}}{{\\sqrt{{d_k}}}}$ 的关系，"
            + "其中 $\\alpha_i \\in [0, 1]$。\n\n$$\n\\mathrm{Attention}_{" + i + "}(Q,K,V) = \\mathrm{softmax}\\left(\\frac{QK^\\top}{\\sqrt{d_k}}\\right)V\n$$"));
        await site.Server.AddPostAsync("公式很多的笔记", "math-heavy-cls", markdown);
        await using var page = await site.OpenAsync("/posts/math-heavy-cls");

        // Every layout shift since navigation, buffered, as Lighthouse's CLS counts them.
        // Lighthouse counts "good" below 0.1; typeset in the browser, this article shifted by some 0.08. What can
        // remain is a glyph-wide nudge when KaTeX's fonts arrive after the browser's font wait on a very busy machine.
        var shifts = await page.EvalAsync<string[]>("""
            () => new Promise(resolve => {
              const shifts = [];
              new PerformanceObserver(list => list.getEntries().forEach(e => {
                if (!e.hadRecentInput) shifts.push(e.value.toFixed(4) + ' at ' + Math.round(e.startTime) + ' ms: '
                  + e.sources.map(s => (s.node ? (s.node.nodeName + '.' + (s.node.className || '')) : '?') + ' ' + JSON.stringify(s.previousRect) + '->' + JSON.stringify(s.currentRect)).join(', '));
              })).observe({ type: 'layout-shift', buffered: true });
              setTimeout(() => resolve(shifts), 500);
            })
            """);

        var total = shifts.Sum(s => double.Parse(s[..s.IndexOf(' ')], System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(total < 0.01, "Layout shifts: " + string.Join("\n", shifts));
    }

    [Fact]
    public async Task Article_WithMath_AsksForKatexMainFontsWithThePage_OnceEach()
    {
        await using var page = await site.OpenAsync(StudyNotes.MathPath);
        await page.WaitUntilAsync("() => document.fonts.status === 'loaded'");

        // Preloaded fonts must be fetched the way the stylesheet's @font-face fetches them (CORS), or they come twice.
        var fetched = await page.EvalAsync<string[]>(
            "() => performance.getEntriesByType('resource').filter(e => /KaTeX_(Main-Regular|Math-Italic)/.test(e.name)).map(e => e.name.split('/').pop() + ' ' + e.initiatorType)");

        Assert.Equal(["KaTeX_Main-Regular.woff2 link", "KaTeX_Math-Italic.woff2 link"], fetched.Order().ToArray());
    }
}
