using System.Data.Common;
using Blog.Caching;
using Blog.Data;
using Blog.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Blog.Tests.Performance;

/// <summary>No N+1: the number of SQL commands a public page runs does not grow with the number of posts.</summary>
public sealed class QueryCountTests : IDisposable
{
    private readonly CountingAppFactory _app = new() { Configuration = { ["Blog:OutputCache"] = "false" } };

    /// <summary>The app with a command counter on its database context.</summary>
    private sealed class CountingAppFactory : BlogAppFactory
    {
        public CommandCounter Counter { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(s => s.ConfigureDbContext<BlogDbContext>(o => o.AddInterceptors(Counter)));
        }
    }

    private CommandCounter Counter => _app.Counter;

    private sealed class CommandCounter : DbCommandInterceptor
    {
        private int _count;
        public int Count => _count;
        public void Reset() => Interlocked.Exchange(ref _count, 0);

        // The once-a-second look for changes made by other processes belongs to no page: on a
        // loaded machine every request can be a second apart and would carry one.
        private void CountUnlessVersionCheck(DbCommand command)
        {
            if (!command.CommandText.Contains(ContentVersion.Key, StringComparison.Ordinal))
                Interlocked.Increment(ref _count);
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            CountUnlessVersionCheck(command);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            CountUnlessVersionCheck(command);
            return ValueTask.FromResult(result);
        }
    }

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
