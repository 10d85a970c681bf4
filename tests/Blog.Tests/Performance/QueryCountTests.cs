using Blog.Tests.Infrastructure;

namespace Blog.Tests.Performance;

/// <summary>No N+1: the number of SQL commands a public page runs does not grow with the number of posts.</summary>
public sealed class QueryCountTests : IDisposable
{
    private readonly CountingBlogAppFactory _app = new() { Configuration = { ["Blog:OutputCache"] = "false" } };

    private SqlCommandCounter Counter => _app.Counter;

    public void Dispose() => _app.Dispose();

    private async Task AddPostsAsync(int count)
    {
        for (var i = 0; i < count; i++)
            await _app.AddPostAsync(new PostBuilder($"计数笔记 {Guid.NewGuid():N}").InCategory("python").WithTags("计数", $"标签{i % 3}")
                .PublishedAt(DateTime.UtcNow.AddHours(-i - 2)));
    }

    private async Task<Dictionary<string, int>> CountAsync(HttpClient client, IEnumerable<string> urls)
    {
        var counts = new Dictionary<string, int>();
        foreach (var url in urls)
        {
            // The fewer of two requests: a count or a feed remembered between requests must not
            // read as a difference.
            for (var attempt = 0; attempt < 2; attempt++)
            {
                Counter.Reset();
                var response = await client.GetAsync(url);
                Assert.True(response.IsSuccessStatusCode, $"{url} answered {(int)response.StatusCode}");
                counts[url] = Math.Min(counts.GetValueOrDefault(url, int.MaxValue), Counter.Count);
            }
        }
        return counts;
    }

    [Fact]
    public async Task PublicPages_RunAsManyQueriesWithManyPostsAsWithFew()
    {
        var client = _app.CreateClient();
        var middle = await _app.AddPostAsync(new PostBuilder("计数 中间").InCategory("python").WithTags("计数").PublishedAt(DateTime.UtcNow.AddHours(-1)));
        await AddPostsAsync(2);
        var urls = new[]
        {
            "/", "/?page=1", $"/posts/{middle.Slug}", "/category/python", "/tag/计数", "/archive",
            "/search?q=" + Uri.EscapeDataString("计数"), "/feed.xml", "/atom.xml", "/category/python/feed.xml", "/sitemap.xml",
        };

        var few = await CountAsync(client, urls);
        await AddPostsAsync(25);
        var many = await CountAsync(client, urls);

        Assert.All(urls, url => Assert.True(many[url] <= few[url], $"{url}: {few[url]} queries with 4 posts, {many[url]} with 29"));
        Assert.All(urls, url => Assert.True(few[url] <= 8, $"{url} runs {few[url]} queries"));
    }
}
