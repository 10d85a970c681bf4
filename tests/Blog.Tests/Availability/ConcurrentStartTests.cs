using Blog.Availability;
using Blog.Data;
using Blog.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Blog.Tests.Availability;

/// <summary>Several app nodes started at the same moment on one empty database.</summary>
public sealed class ConcurrentStartTests : IDisposable
{
    private const int Nodes = 4;
    private readonly string _shared = Path.Combine(Path.GetTempPath(), "blog-tests", "nodes-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task NodesStartingTogether_OnAnEmptyDatabase_AllServe_AndTheSiteIsSeededOnce()
    {
        Directory.CreateDirectory(_shared);
        // On PostgreSQL the database does not exist yet either: the nodes race to create it too.
        var connectionString = TestDatabase.ConnectionStringFor(_shared, create: false);
        var nodes = Enumerable.Range(0, Nodes).Select(_ => new BlogAppFactory()).ToList();
        try
        {
            foreach (var node in nodes)
                node.Configuration["ConnectionStrings:Blog"] = connectionString;

            // Creating a client starts the node: Program sets the database up before it listens.
            await Task.WhenAll(nodes.Select(node => Task.Run(() => node.CreateClient())));

            foreach (var node in nodes)
            {
                var status = node.Services.GetRequiredService<DatabaseStatus>();
                Assert.True(status.IsReady, status.Reason);
                Assert.Contains(WelcomePost.Title, await node.CreateClient().GetStringAsync("/"));
            }
            var posts = await nodes[0].WithDbAsync(db => db.Posts.Select(p => p.Slug).ToListAsync());
            var categories = await nodes[0].WithDbAsync(db => db.Categories.OrderBy(c => c.Order).Select(c => c.Name).ToListAsync());
            Assert.Equal([WelcomePost.Slug], posts);
            Assert.Equal(["Large Model", "Generative Model", "Python"], categories);
        }
        finally
        {
            foreach (var node in nodes)
                node.Dispose();
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        TestDatabase.Drop(_shared);
        try { Directory.Delete(_shared, recursive: true); } catch (IOException) { }
    }
}
