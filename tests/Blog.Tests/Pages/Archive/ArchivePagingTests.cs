using System.Net;
using Blog.Data;
using Blog.Pages.Archive;
using Blog.Tests.Infrastructure;

namespace Blog.Tests.Pages.Archive;

/// <summary>The archive lists every post, a page at a time, so that it stays a page at 100,000 notes.</summary>
public sealed class ArchivePagingTests : IDisposable
{
    private readonly BlogAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Archive_PastOnePage_ContinuesOnTheNextWithTheOlderPosts()
    {
        // One more post than a page holds (besides the welcome post), saved at once: the archive
        // only needs titles, slugs and dates.
        var day = new DateTime(2022, 6, 1, 0, 0, 0, DateTimeKind.Utc);
        await _app.WithDbAsync(async db =>
        {
            for (var i = 0; i < IndexModel.PageSize; i++)
                db.Posts.Add(Published($"归档分页 {i}", $"archive-paging-{i}", day.AddHours(i)));
            db.Posts.Add(Published("归档分页 最早", "archive-paging-oldest", new DateTime(2019, 1, 2, 0, 0, 0, DateTimeKind.Utc)));
            await db.SaveChangesAsync();
        });
        var client = _app.CreateClient();

        var first = await client.GetDocumentAsync("/archive");
        var second = await client.GetDocumentAsync("/archive?page=2");

        Assert.Equal(IndexModel.PageSize, first.QuerySelectorAll(".archive-list a").Length);
        Assert.DoesNotContain("归档分页 最早", first.QuerySelector("main")!.TextContent);
        Assert.Equal("/archive?page=2", first.QuerySelector(".pager a[rel=next]")?.GetAttribute("href"));
        Assert.Equal(["归档分页 0", "归档分页 最早"], second.QuerySelectorAll(".archive-list a").Select(a => a.TextContent));
        Assert.Equal("2019-01", second.QuerySelectorAll("h3.archive-month").Last().TextContent);
        Assert.Equal("/archive", second.QuerySelector(".pager a[rel=prev]")?.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/archive?page=3")).StatusCode);
    }

    /// <summary>A post with nothing but a title and a date: the archive shows no more.</summary>
    private static Post Published(string title, string slug, DateTime at)
    {
        var post = new Post(title, slug, "", at);
        post.Schedule(at);
        return post;
    }
}
