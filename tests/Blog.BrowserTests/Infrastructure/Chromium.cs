namespace Blog.BrowserTests.Infrastructure;

/// <summary>Debian's Chromium driven by Playwright. These tests never download a browser.</summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        // A missing browser must fail the suite loudly, not skip it: a skipped browser test passes in CI.
        if (!File.Exists(ExecutablePath))
            throw new InvalidOperationException(
                $"The browser tests need Debian's Chromium at {ExecutablePath}, and it is not there. "
                + "Install it with `apt-get install chromium`; these tests never download a browser (no `playwright install`).");

        var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                Args =
                [
                    "--no-sandbox", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--disable-gpu", "--no-first-run",
                ],
            });
            return (playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }
}
