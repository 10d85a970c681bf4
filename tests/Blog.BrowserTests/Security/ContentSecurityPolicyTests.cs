using Blog.BrowserTests.Admin;
using Blog.BrowserTests.Infrastructure;
using static Blog.BrowserTests.Admin.EditorSession;

namespace Blog.BrowserTests.Security;

/// <summary>
/// The site's CSP allows no inline script and nothing from elsewhere. These pages do the most with
/// script (KaTeX, highlight.js, the editor's live preview, the media library): under the policy
/// they still work, and Chromium reports no violation and logs no error.
/// </summary>
public class ContentSecurityPolicyTests(SiteFixture site) : IClassFixture<SiteFixture>
{
    private static async Task AssertCleanAsync(BrowserPage page)
    {
        Assert.Empty(await page.Page.ViolationsAsync());
        Assert.Empty(page.ConsoleErrors);
    }

    [Fact]
    public async Task AnInlineScript_IsBlockedAndReported()
    {
        // The watch itself works: without this, a silent watch would pass every test below.
        await using var page = await site.OpenAsync("/");
        await page.Page.WatchAsync();

        await page.EvalAsync<bool>("() => { const s = document.createElement('script'); s.textContent = 'window.__ran = true'; document.body.append(s); return true; }");

        Assert.True(await page.WaitUntilAsync("() => window.__cspViolations.length > 0"), "No violation was reported.");
        Assert.False(await page.EvalAsync<bool>("() => window.__ran === true"), "The inline script ran.");
    }

    [Fact]
    public async Task ArticleWithMathAndCode_RendersUnderTheCsp_WithoutViolations()
    {
        await using var page = await site.OpenAsync(StudyNotes.MathPath);
        await page.Page.WatchAsync();

        Assert.True(await page.WaitUntilAsync($"() => document.querySelectorAll('.article-body .katex').length >= {StudyNotes.MathFormulaCount}"),
            "KaTeX did not render the formulas.");
        Assert.True(await page.WaitUntilAsync("() => document.querySelector('pre code.language-python .hljs-keyword') !== null"),
            "highlight.js did not highlight the Python block.");
        await page.Page.ClickAsync("pre button.copy-code");
        await AssertCleanAsync(page);
    }

    [Fact]
    public async Task EditorLivePreview_RendersMathAndCodeUnderTheCsp_WithoutViolations()
    {
        await using var page = await site.OpenSignedInAsync("/admin/posts/new");
        await page.Page.WatchAsync();

        await page.Page.FillAsync(Title, "CSP 预览");
        await page.Page.FillAsync(Markdown, "公式 $\\sqrt{d_k}$\n\n```python\nimport torch\n```\n");
        await page.Page.DispatchEventAsync(Markdown, "input");

        Assert.True(await page.WaitUntilAsync("() => document.querySelector('#preview .katex') !== null"), "The preview rendered no formula.");
        Assert.True(await page.WaitUntilAsync("() => document.querySelector('#preview code.language-python .hljs-keyword') !== null"),
            "The preview highlighted no code.");
        Assert.True(await page.WaitForAutosaveAsync(), "Autosave did not complete.");
        await AssertCleanAsync(page);
    }

    [Fact]
    public async Task SearchPage_WorksUnderTheCsp_WithoutViolations()
    {
        await using var page = await site.OpenAsync("/search?q=" + Uri.EscapeDataString("注意力"));
        await page.Page.WatchAsync();

        Assert.True(await page.Page.Locator("main a[href^='/posts/']").CountAsync() > 0, "The search found nothing.");
        await AssertCleanAsync(page);
    }

    [Fact]
    public async Task MediaLibrary_WorksUnderTheCsp_WithoutViolations()
    {
        await site.Server.SaveImageAsync(WidePng.Create(64, 32), "csp-check.png");
        await using var page = await site.OpenSignedInAsync("/admin/media");
        await page.Page.WatchAsync();

        Assert.True(await page.WaitUntilAsync("() => [...document.querySelectorAll('.media-grid img')].some(i => i.complete && i.naturalWidth > 0)"),
            "No image showed in the media library.");
        await AssertCleanAsync(page);
    }
}
