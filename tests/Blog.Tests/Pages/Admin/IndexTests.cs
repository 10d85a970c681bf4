using Blog.Tests.Infrastructure;

namespace Blog.Tests.Pages.Admin;

public class IndexTests(BlogAppFactory app) : IClassFixture<BlogAppFactory>
{
    [Fact]
    public async Task Dashboard_EachCountMatchesTheListItLinksTo()
    {
        await app.AddPostAsync(new PostBuilder("仪表盘：已发布"));
        await app.AddPostAsync(new PostBuilder("仪表盘：草稿").AsDraft());
        await app.AddPostAsync(new PostBuilder("仪表盘：定时").ScheduledAt(DateTime.UtcNow.AddDays(1)));
        await app.AddPostAsync(new PostBuilder("仪表盘：时间已到的定时").ScheduledAt(DateTime.UtcNow.AddMinutes(-5)));
        await app.AddPostAsync(new PostBuilder("仪表盘：回收站").Trashed());
        var client = await app.SignedInClientAsync();

        var dashboard = await client.GetDocumentAsync("/admin");

        var counts = dashboard.QuerySelectorAll(".admin-counts a").ToList();
        Assert.Equal(4, counts.Count);
        foreach (var link in counts)
        {
            var list = await client.GetDocumentAsync(link.GetAttribute("href")!);
            Assert.Equal(link.QuerySelector("strong")!.TextContent, list.QuerySelector(".list-total")!.GetAttribute("data-total"));
        }
        var recent = dashboard.QuerySelectorAll(".admin-list li").Single(li => li.TextContent.Contains("仪表盘：时间已到的定时"));
        Assert.Equal("已发布", recent.QuerySelector(".status")!.TextContent);
    }

    [Fact]
    public async Task Dashboard_SpeaksChinese_InItsCountsAndTitle()
    {
        var client = await app.SignedInClientAsync();

        var dashboard = await client.GetDocumentAsync("/admin");

        var counts = dashboard.QuerySelectorAll(".admin-counts a").Select(a => a.TextContent).ToList();
        Assert.Contains(counts, c => c.EndsWith("篇已发布"));
        Assert.Contains(counts, c => c.EndsWith("篇定时"));
        Assert.Contains(counts, c => c.EndsWith("篇草稿"));
        Assert.Contains(counts, c => c.EndsWith("篇在回收站"));
        Assert.EndsWith("· 后台", dashboard.QuerySelector(".site-title")!.TextContent);
    }
}
