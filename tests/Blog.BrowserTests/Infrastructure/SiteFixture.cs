namespace Blog.BrowserTests.Infrastructure;

/// <summary>
/// One test class's world: the app on Kestrel over its own temp database, seeded with the study
/// notes, and one Chromium. Use it as an IClassFixture: xunit makes one per test class.
/// </summary>
public class SiteFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public SiteFixture() : this(new BlogServer()) { }

    /// <summary>A site on a server of the subclass's making (<see cref="FakeClockSiteFixture"/>).</summary>
    protected SiteFixture(BlogServer server) => Server = server;

    public BlogServer Server { get; }

    public async Task InitializeAsync()
    {
        try
        {
            (_playwright, _browser) = await Chromium.LaunchAsync();
            Server.Start();
            await StudyNotes.SeedAsync(Server);
        }
        catch
        {
            // xunit does not dispose a fixture whose initialization failed: leave no browser or server behind.
            await DisposeAsync();
            throw;
        }
    }

    public const int DesktopWidth = 1280, PhoneWidth = 375;

    /// <summary>Opens <paramref name="path"/> in a fresh context and waits until the page and its scripts are done.</summary>
    public async Task<BrowserPage> OpenAsync(string path, ColorScheme colorScheme = ColorScheme.Light,
        int width = DesktopWidth, int height = 800, Action<BrowserNewContextOptions>? configure = null)
    {
        var options = new BrowserNewContextOptions
        {
            ColorScheme = colorScheme,
            ViewportSize = new() { Width = width, Height = height },
            Locale = "zh-CN",
        };
        configure?.Invoke(options);
        var page = await BrowserPage.OpenAsync(_browser!, options);
        await page.Page.GotoAsync(Server.Url(path), new() { WaitUntil = WaitUntilState.Load });
        // Web fonts (KaTeX's) change widths; measure only once they are in. Layout first, so that the
        // fonts the page needs have started loading when we ask.
        await page.Page.EvaluateAsync("() => document.body.offsetHeight && document.fonts.ready.then(() => true)");
        return page;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
            await _browser.CloseAsync();
        _playwright?.Dispose();
        Server.Dispose();
    }
}
