using Blog.BrowserTests.Infrastructure;

namespace Blog.BrowserTests.Pages.Posts;

public class ScriptToggleTests(SiteFixture site) : IClassFixture<SiteFixture>
{
    private const string Formulas = "() => [...document.querySelectorAll('.article-body annotation')].map(a => a.textContent).join('|')";

    [Fact]
    public async Task Toggle_ShowsTraditionalCharacters_LeavesFormulasAndCode_AndIsRemembered()
    {
        await using var page = await site.OpenAsync(StudyNotes.MathPath);
        await page.WaitUntilAsync("() => document.querySelector('.article-body .katex') && !document.querySelector('button.script-toggle').hidden");
        var formulasBefore = await page.EvalAsync<string>(Formulas);
        var codeBefore = await page.Page.Locator("pre code").First.InnerTextAsync();
        var converterRequested = page.Requests.Any(r => r.Contains("opencc"));

        await page.Page.ClickAsync("button.script-toggle");
        await page.WaitUntilAsync("() => document.documentElement.dataset.script === 'traditional'");

        Assert.False(converterRequested, "the converter loads only when asked for");
        Assert.Equal("Transformer 注意力機制學習筆記", await page.Page.Locator("h1.article-title").InnerTextAsync());
        Assert.Equal(formulasBefore, await page.EvalAsync<string>(Formulas));
        Assert.Equal(codeBefore, await page.Page.Locator("pre code").First.InnerTextAsync());
        Assert.Equal("true", await page.Page.GetAttributeAsync("button.script-toggle", "aria-pressed"));

        await page.Page.ReloadAsync();
        await page.WaitUntilAsync("() => document.documentElement.dataset.script === 'traditional'");
        Assert.Equal("Transformer 注意力機制學習筆記", await page.Page.Locator("h1.article-title").InnerTextAsync());

        await page.Page.ClickAsync("button.script-toggle");
        await page.WaitUntilAsync("() => document.documentElement.dataset.script === 'simplified'");
        Assert.Equal(StudyNotes.MathTitle, await page.Page.Locator("h1.article-title").InnerTextAsync());
        Assert.Empty(page.ConsoleErrors);
    }
}
