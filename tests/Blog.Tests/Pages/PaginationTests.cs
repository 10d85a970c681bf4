using System.Net;
using Blog.Tests.Infrastructure;

namespace Blog.Tests.Pages;

/// <summary>A site of its own, so that the page counts are this test's alone.</summary>
public sealed class PaginationTests : IAsyncLifetime
{
    private readonly BlogAppFactory _app = new();

    public async Task InitializeAsync()
    {
        var start = new DateTime(2022, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        // With the welcome post, 21 posts: pages of 10, 10 and 1.
        for (var i = 0; i < 20; i++)
            await _app.AddPostAsync(new PostBuilder($"分页笔记 {i:00}").InCategory("python").PublishedAt(start.AddDays(i)));
    }

    public Task DisposeAsync()
    {
        _app.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Home_PagesThroughAllPostsWithoutGapsOrRepeats()
    {
        var client = _app.CreateClient();
        var seen = new List<string>();
        string? next = "/";
        while (next is not null)
        {
            var page = await client.GetDocumentAsync(next);
            seen.AddRange(page.QuerySelectorAll(".post-card-title a").Select(a => a.TextContent));
            next = page.QuerySelector(".pager a[rel=next]")?.GetAttribute("href");
        }

        Assert.Equal(21, seen.Count);
        Assert.Equal(21, seen.Distinct().Count());
        Assert.Equal("分页笔记 19", seen[1]);
        Assert.Equal("分页笔记 00", seen[^1]);
    }

    [Fact]
    public async Task PagePastTheLast_Is404()
    {
        var client = _app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/?page=3")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/?page=4")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/category/python?page=2")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/category/python?page=3")).StatusCode);
    }
}
