using Blog.BrowserTests.Infrastructure;

namespace Blog.BrowserTests.Pages.Posts;

public class ArticleMathTests(SiteFixture site) : IClassFixture<SiteFixture>
{
    [Fact]
    public async Task Article_MathIsRenderedByKatex_NoRawDelimitersVisible()
    {
        await using var page = await site.OpenAsync(StudyNotes.MathPath);
        await page.WaitUntilAsync("n => document.querySelectorAll('.article-body .katex').length >= n", StudyNotes.MathFormulaCount);

        var rendered = await page.EvalAsync<int>("() => document.querySelectorAll('.article-body .katex').length");
        var errors = await page.EvalAsync<string[]>("() => [...document.querySelectorAll('.article-body .katex-error')].map(e => e.title || e.textContent)");
        var text = await page.EvalAsync<string>("() => document.querySelector('.article-body').innerText");

        Assert.True(rendered == StudyNotes.MathFormulaCount,
            $"Expected KaTeX to render all {StudyNotes.MathFormulaCount} formulas, found {rendered} `.katex` elements.");
        Assert.Empty(errors);
        Assert.DoesNotContain("$$", text);
        Assert.DoesNotContain(@"\(", text);
        Assert.DoesNotContain(@"\[", text);
        Assert.DoesNotContain("$", text);
    }

    [Fact]
    public async Task Article_DisplayMathIsSetApart_InlineMathStaysInItsSentence()
    {
        await using var page = await site.OpenAsync(StudyNotes.MathPath);
        await page.WaitUntilAsync("() => document.querySelectorAll('.article-body .katex').length > 0");

        // Attention ($$ block), MultiHead (\[ \]) and the long objective ($$ block) are display math.
        var displays = await page.EvalAsync<int>("() => document.querySelectorAll('.article-body .katex-display').length");
        var inlineInParagraphs = await page.EvalAsync<int>(
            "() => [...document.querySelectorAll('.article-body p .katex')].filter(k => !k.closest('.katex-display')).length");

        Assert.Equal(3, displays);
        Assert.True(inlineInParagraphs >= 7, $"Expected the inline formulas inside their paragraphs, found {inlineInParagraphs}.");
    }
}
