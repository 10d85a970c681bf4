using Blog.Data;
using Blog.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Blog.Tests.Performance;

/// <summary>SQLite's settings for a web server hold on every connection the site uses (PostgreSQL has none of these).</summary>
public sealed class SqliteSettingsTests(SqliteBlogApp app) : IClassFixture<SqliteBlogApp>
{
    [Fact]
    public async Task EveryConnection_WaitsForWritersAndSyncsAtNormal()
    {
        // Several connections at once (the pool makes more), each reused, then a pool started afresh.
        var settings = new List<(long Timeout, long Synchronous)>();
        for (var round = 0; round < 2; round++)
        {
            settings.AddRange(await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => app.WithDbAsync(SettingsOfAsync)))));
            settings.AddRange(await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => app.WithDbAsync(SettingsOfAsync)))));
            SqliteConnection.ClearAllPools();
        }

        Assert.All(settings, s => Assert.Equal((5000L, 1L), s)); // synchronous: 1 is NORMAL
    }

    private static async Task<(long Timeout, long Synchronous)> SettingsOfAsync(BlogDbContext db)
    {
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA busy_timeout";
        var timeout = (long)(await command.ExecuteScalarAsync())!;
        command.CommandText = "PRAGMA synchronous";
        var synchronous = (long)(await command.ExecuteScalarAsync())!;
        await Task.Delay(20); // held a moment, so the others cannot all take the same connection
        return (timeout, synchronous);
    }
}
