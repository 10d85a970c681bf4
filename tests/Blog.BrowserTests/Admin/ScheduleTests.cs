using Blog.BrowserTests.Infrastructure;
using static Blog.BrowserTests.Admin.EditorSession;

namespace Blog.BrowserTests.Admin;

/// <summary>Scheduling in the editor, on a site whose clock the test moves.</summary>
public class ScheduleTests(FakeClockSiteFixture site) : IClassFixture<FakeClockSiteFixture>
{
    [Fact]
    public async Task AScheduledPost_AppearsOnTheHomePageOnItsOwnAtItsTime()
    {
        var title = $"定时发布 {Guid.NewGuid().ToString("N")[..6]}";
        await using var page = await site.OpenSignedInAsync("/admin/posts/new");
        await page.Page.FillAsync(Title, title);
        await page.Page.FillAsync(Markdown, "到点自己出现。");
        await page.Page.ClickAsync(".editor-more > summary");
        // Whole seconds (the field's step), an hour ahead on the site's clock.
        var at = site.Clock.GetUtcNow().UtcDateTime.AddHours(1);
        at = at.AddTicks(-(at.Ticks % TimeSpan.TicksPerSecond));
        await page.Page.FillAsync("[name='Input.PublishAt']", site.Server.Settings().ToLocal(at).ToString("yyyy-MM-ddTHH:mm:ss"));

        await page.Page.SubmitAsync(Button("schedule"));

        Assert.StartsWith("已定时：将于", (await page.Page.InnerTextAsync(".admin-status")).Trim());
        await using var home = await site.OpenAsync("/");
        Assert.DoesNotContain(title, await home.Page.InnerTextAsync("main"));

        site.Clock.Advance(TimeSpan.FromHours(1));
        await home.Page.ReloadAsync();

        Assert.Contains(title, await home.Page.InnerTextAsync("main"));
    }
}
