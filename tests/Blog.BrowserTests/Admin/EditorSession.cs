using Blog.Accounts;
using Blog.BrowserTests.Infrastructure;
using Blog.Data;
using Blog.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Blog.BrowserTests.Admin;

/// <summary>Signs in through the real sign-in form and drives the editor the way the author does.</summary>
public static class EditorSession
{
    public const string UserName = "editor";
    public const string Password = "correct horse 42";

    public const string Title = "[name='Input.Title']";
    public const string Slug = "[name='Input.Slug']";
    public const string Markdown = "[name='Input.Markdown']";

    /// <summary>A fresh browser context, signed in, on <paramref name="path"/>.</summary>
    public static async Task<BrowserPage> OpenSignedInAsync(this SiteFixture site, string path, int width = SiteFixture.DesktopWidth)
    {
        await EnsureUserAsync(site.Server);
        var page = await site.OpenAsync("/admin/login?ReturnUrl=" + Uri.EscapeDataString(path), width: width);
        await page.Page.FillAsync("[name='Input.UserName']", UserName);
        await page.Page.FillAsync("[name='Input.Password']", Password);
        await page.Page.ClickAsync("form button[type=submit]");
        // Wait for the document, not its load event: on a busy CI machine the editor's scripts and fonts
        // can hold "load" past the timeout although the page is there to use (the next steps auto-wait).
        await page.Page.WaitForURLAsync(url => new Uri(url).PathAndQuery == path,
            new() { WaitUntil = WaitUntilState.DOMContentLoaded, Timeout = 60_000 });
        return page;
    }

    /// <summary>Waits until the save indicator says the text is stored ("Saved HH:mm:ss").</summary>
    public static Task<bool> WaitForAutosaveAsync(this BrowserPage page, int timeoutMs = 10_000) =>
        page.WaitUntilAsync("() => document.getElementById('save-state').dataset.state === 'saved'", timeoutMs: timeoutMs);

    public static Task<string> SaveStateAsync(this BrowserPage page) => page.Page.InnerTextAsync("#save-state");

    /// <summary>Clicks a button of the editor's form and waits for the page the save answers with.</summary>
    public static async Task SubmitAsync(this IPage page, string buttonSelector)
    {
        // The answer may come back at the same URL: wait for a new document, not for a URL.
        await page.EvaluateAsync("() => { window.__beforeSubmit = true; }");
        await page.ClickAsync(buttonSelector);
        await page.WaitForFunctionAsync("() => !window.__beforeSubmit && document.readyState === 'complete'",
            null, new() { PollingInterval = 50 });
    }

    public static string Button(string intent) => $"button[name=intent][value={intent}]";

    public static SiteSettings Settings(this BlogServer server) => server.Services.GetRequiredService<SiteSettingsStore>().Current;

    public static async Task EnsureUserAsync(BlogServer server)
    {
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BlogDbContext>();
        if (await db.Users.AnyAsync(u => u.UserName == UserName))
            return;
        var user = new User { UserName = UserName, PasswordHash = "", CreatedAt = DateTime.UtcNow };
        user.PasswordHash = AccountService.Hash(user, Password);
        db.Users.Add(user);
        await db.SaveChangesAsync();
    }
}
