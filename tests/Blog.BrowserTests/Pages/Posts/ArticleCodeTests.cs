using Blog.BrowserTests.Infrastructure;

namespace Blog.BrowserTests.Pages.Posts;

public class ArticleCodeTests(SiteFixture site) : IClassFixture<SiteFixture>
{
    private const string PythonCode = "pre code.language-python";

    [Fact]
    public async Task Article_PythonCodeIsSyntaxHighlighted()
    {
        await using var page = await site.OpenAsync(StudyNotes.MathPath);
        await page.WaitUntilAsync($"() => document.querySelector('{PythonCode}.hljs')");

        var code = page.Page.Locator(PythonCode);
        Assert.Equal(1, await code.CountAsync());
        Assert.Contains("hljs", (await code.GetAttributeAsync("class"))?.Split(' ') ?? []);
        var tokenClasses = await code.EvaluateAsync<string[]>(
            "c => [...new Set([...c.querySelectorAll('span[class*=\"hljs-\"]')].flatMap(s => [...s.classList]))]");
        Assert.Contains("hljs-keyword", tokenClasses);   // def, import, return
        Assert.Contains("hljs-string", tokenClasses);    // the docstring
        // Highlighting colors the code, never changes it.
        Assert.Contains("scores = q @ k.transpose(-2, -1) / math.sqrt(d_k)", await code.InnerTextAsync());
    }

    [Fact]
    public async Task Article_CodeBlockHasCopyButton_ThatCopiesTheCode()
    {
        await using var page = await site.OpenAsync(StudyNotes.MathPath, configure: o => o.Permissions = ["clipboard-read", "clipboard-write"]);
        await page.WaitUntilAsync("() => document.querySelector('button.copy-code')");

        var buttons = page.Page.Locator("button.copy-code");
        Assert.Equal(1, await buttons.CountAsync());
        await buttons.First.ClickAsync();
        var copied = await page.EvalAsync<string>("() => navigator.clipboard.readText()");

        Assert.StartsWith("import math\nimport torch", copied);
        Assert.Contains("return F.softmax(scores, dim=-1) @ v", copied);
        Assert.Empty(page.ConsoleErrors);
    }

    [Fact]
    public async Task Article_CodeTextStaysPut_WhenTheCopyButtonArrives()
    {
        // In a long note the deferred script runs after the first paint: whatever it adds must not move the code.
        const string codeOffset = "() => { const c = document.querySelector('" + PythonCode + "'); "
            + "return c.getBoundingClientRect().top - c.parentElement.getBoundingClientRect().top + parseFloat(getComputedStyle(c).paddingTop); }";
        await using var before = await site.OpenAsync(StudyNotes.MathPath, configure: o => o.JavaScriptEnabled = false);
        await using var after = await site.OpenAsync(StudyNotes.MathPath);
        await after.WaitUntilAsync("() => document.querySelector('button.copy-code')");

        Assert.Equal(await before.EvalAsync<double>(codeOffset), await after.EvalAsync<double>(codeOffset));
        Assert.True(await after.EvalAsync<double>(codeOffset) > 20, "The strip for the language and the copy button is above the code.");
    }
}
