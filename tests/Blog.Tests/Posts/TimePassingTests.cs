using System.Net;
using Blog.Caching;
using Blog.Data;
using Blog.Posts;
using Blog.Search;
using Blog.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Blog.Tests.Posts;

/// <summary>
/// What the site does as its clock moves, with no save to set it off: a scheduled post comes out
/// at its time (its page, the feed, the home page, past the page cache), and changes made by
/// another process show after the site's look for them, once a second.
/// </summary>
public class TimePassingTests(FakeClockBlogApp app) : IClassFixture<FakeClockBlogApp>
{
    private static string Unique(string stem) => $"{stem} {Guid.NewGuid().ToString("N")[..8]}";

    [Fact]
    public async Task ScheduledPost_IsPublicOnceItsTimeHasCome()
    {
        var post = await app.AddPostAsync(new PostBuilder().ScheduledAt(app.UtcNow.AddMinutes(30)));
        var reader = app.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/posts/{post.Slug}")).StatusCode);

        app.Clock.Advance(TimeSpan.FromMinutes(30));

        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/posts/{post.Slug}")).StatusCode);
    }

    [Fact]
    public async Task ScheduledPost_EntersTheFeedWhenItsTimeComes()
    {
        var title = Unique("定时入订阅");
        await app.AddPostAsync(new PostBuilder(title).ScheduledAt(app.UtcNow.AddHours(2)));
        Assert.DoesNotContain(title, await app.CreateClient().GetStringAsync("/feed.xml"));

        app.Clock.Advance(TimeSpan.FromHours(2));

        Assert.Contains(title, await app.CreateClient().GetStringAsync("/feed.xml"));
    }

    [Fact]
    public async Task ScheduledPost_AppearsAtItsTimeDespiteTheCache()
    {
        var client = app.CreateClient();
        var title = Unique("缓存中的定时文章");
        await app.AddPostAsync(new PostBuilder(title).ScheduledAt(app.UtcNow.AddMinutes(5)));
        Assert.DoesNotContain(title, await client.GetStringAsync("/feed.xml"));
        Assert.DoesNotContain(title, await client.GetStringAsync("/feed.xml")); // now from the cache

        app.Clock.Advance(TimeSpan.FromMinutes(5));

        Assert.Contains(title, await client.GetStringAsync("/feed.xml"));
    }

    [Fact]
    public async Task Schedule_FromTheEditor_PostAppearsOnItsOwnOnceItsTimeHasPassed()
    {
        var author = await app.SignedInClientAsync();
        var title = Unique("定时 Scheduled");
        var slug = "sched-" + Guid.NewGuid().ToString("N")[..8];
        var at = app.UtcNow.AddHours(1);
        var fields = Editor.Fields(title, "稍后发布。", slug);
        fields["Input.PublishAt"] = app.Settings.ToLocal(at).ToString("yyyy-MM-ddTHH:mm:ss");

        var response = await author.SubmitFormAsync("/admin/posts/new", Editor.Form, fields, "定时发布");

        var id = response.SavedPostId();
        var post = await app.WithDbAsync(db => db.Posts.AsNoTracking().SingleAsync(p => p.Id == id));
        Assert.Equal(PostState.Scheduled, post.StateAt(app.UtcNow));
        Assert.Equal(at, post.PublishedAt!.Value, TimeSpan.FromSeconds(1));
        var reader = app.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/posts/{slug}")).StatusCode);
        Assert.DoesNotContain(title, await reader.GetStringAsync("/"));

        app.Clock.Advance(TimeSpan.FromHours(1));

        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/posts/{slug}")).StatusCode);
        Assert.Contains(title, await reader.GetStringAsync("/"));
    }

    [Fact]
    public async Task ChangesByAnotherProcess_ShowAfterTheNextLook()
    {
        var post = await app.AddPostAsync(new PostBuilder(Unique("别的进程 旧标题")));
        var reader = app.CreateClient();
        await reader.GetAsync($"/posts/{post.Slug}");

        // What the import command does from its own process: a save there writes a new content version.
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            """UPDATE "Posts" SET "Title" = '别的进程 新标题' WHERE "Id" = {0}; UPDATE "Settings" SET "Value" = {1} WHERE "Key" = {2}""",
            post.Id, Guid.NewGuid().ToString("N"), ContentVersion.Key));
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        await reader.GetAsync("/"); // notices the new version

        Assert.Contains("别的进程 新标题", await reader.GetStringAsync($"/posts/{post.Slug}"));
    }

    [Fact]
    public async Task SearchIndex_RebuiltElsewhere_IsSearchedAfterTheNextLook()
    {
        var post = await app.AddPostAsync(new PostBuilder(Unique("重建索引")).WithMarkdown("独角兽数据。"));
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("DELETE FROM PostSearch"));
        Assert.DoesNotContain(post.Title, await TitlesFoundAsync("独角兽"));

        await app.WithDbAsync(async db => await SearchIndex.RebuildAsync(db));
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        await app.CreateClient().GetAsync("/");

        Assert.Contains(post.Title, await TitlesFoundAsync("独角兽"));
    }

    private async Task<List<string>> TitlesFoundAsync(string query)
    {
        var page = await app.CreateClient().GetDocumentAsync("/search?q=" + Uri.EscapeDataString(query));
        return page.QuerySelectorAll(".search-results h2 a").Select(a => a.TextContent).ToList();
    }
}
