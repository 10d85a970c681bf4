using Blog.Data;
using Blog.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Blog.Tests.Performance;

/// <summary>SQLite under a web server's load: readers and writers at once, nothing locked out, nothing lost.</summary>
public class ConcurrencyTests(BlogAppFactory app) : IClassFixture<BlogAppFactory>
{
    [Fact]
    public async Task ManyReadersWithWriters_SeeNoLockErrorsAndLoseNoWrite()
    {
        var client = app.CreateClient();
        var stop = DateTime.UtcNow.AddSeconds(6);
        var errors = new List<string>();
        var written = new System.Collections.Concurrent.ConcurrentBag<string>();

        var readers = Enumerable.Range(0, 12).Select(async _ =>
        {
            while (DateTime.UtcNow < stop)
            {
                var response = await client.GetAsync("/archive?nocache=" + Guid.NewGuid());
                if (!response.IsSuccessStatusCode)
                    lock (errors) errors.Add($"read answered {(int)response.StatusCode}");
            }
        });
        var writers = Enumerable.Range(0, 4).Select(async w =>
        {
            for (var i = 0; i < 40 && DateTime.UtcNow < stop; i++)
            {
                try
                {
                    var post = await app.AddPostAsync(new PostBuilder($"并发写入 {w}-{i} {Guid.NewGuid():N}"[..24]).WithMarkdown($"写入者 {w} 的第 {i} 篇。"));
                    written.Add(post.Slug);
                }
                catch (Exception e)
                {
                    lock (errors) errors.Add(e.Message);
                }
            }
        });
        await Task.WhenAll(readers.Concat(writers));

        Assert.Empty(errors);
        Assert.NotEmpty(written);
        var stored = await app.WithDbAsync(db => db.Posts.Where(p => written.Contains(p.Slug)).CountAsync());
        Assert.Equal(written.Count, stored);
        var indexed = await app.WithDbAsync(db => db.Database.SqlQueryRaw<int>("""SELECT count(*) AS "Value" FROM PostSearch""").SingleAsync());
        Assert.True(indexed >= stored);
    }
}
