using System.Text.Json;

namespace Blog.BrowserTests.Security;

/// <summary>
/// Records what the browser refuses under the page's Content-Security-Policy. Injected by
/// Playwright (outside the page's CSP) before any of the page's own code runs; the page is loaded
/// again so that what its first load did is caught too.
/// </summary>
public static class CspWatch
{
    private const string Script = """
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(
          `${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile || location.pathname}:${e.lineNumber} (${(e.sample || '').slice(0, 60)})`));
        """;

    public static async Task WatchAsync(this IPage page)
    {
        await page.AddInitScriptAsync(Script);
        await page.ReloadAsync(new() { WaitUntil = WaitUntilState.Load });
    }

    public static async Task<IReadOnlyList<string>> ViolationsAsync(this IPage page)
    {
        var json = await page.EvaluateAsync<JsonElement>("() => window.__cspViolations ?? ['the watch was not installed']");
        return [.. json.EnumerateArray().Select(v => v.GetString()!)];
    }
}
