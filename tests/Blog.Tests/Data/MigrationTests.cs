using Blog.Data;
using Blog.Hosting;
using Blog.Posts;
using Blog.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Blog.Tests.Data;

public class MigrationTests
{
    /// <summary>A database of its own, empty (no tables), in a folder removed afterwards.</summary>
    private static async Task WithEmptyDatabaseAsync(Func<BlogDbContext, Task> test)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"blog-migrate-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            var options = new DbContextOptionsBuilder<BlogDbContext>();
            DatabaseSetup.UseProvider(options, TestDatabase.Provider, TestDatabase.ConnectionStringFor(folder));
            await using var db = new BlogDbContext(options.Options);
            await test(db);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            TestDatabase.Drop(folder);
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public Task EmptyDatabase_MigratesAndTheModelHasNoPendingChanges() => WithEmptyDatabaseAsync(async db =>
    {
        await db.Database.MigrateAsync();

        // Each provider applies its own set, and its snapshot matches the model.
        Assert.All(await db.Database.GetAppliedMigrationsAsync(), id => Assert.Contains(id, db.Database.GetMigrations()));
        var (own, others) = TestDatabase.IsPostgres
            ? ("20261125170623_Initial", "20261125154735_Initial")
            : ("20261125154735_Initial", "20261125170623_Initial");
        Assert.Equal(own, db.Database.GetMigrations().First());
        Assert.DoesNotContain(others, db.Database.GetMigrations());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.False(db.Database.HasPendingModelChanges());
        Assert.Equal(0, await db.Posts.CountAsync());
        Assert.Equal(0, await db.Media.CountAsync());
    });

    [Fact]
    public Task PostsAnOlderBuildStoredAsScheduled_AreMigratedAndStillPublishOnTime() => WithEmptyDatabaseAsync(async db =>
    {
        await db.Database.MigrateAsync();
        var now = DateTime.UtcNow;
        var due = new Post("定时发布：时间已到", "scheduled-due", "梯度下降 $\\theta \\leftarrow \\theta - \\eta \\nabla L$。", now.AddDays(-2));
        var ahead = new Post("定时发布：明天", "scheduled-ahead", "下一篇：Adam 优化器。", now.AddDays(-2));
        due.Schedule(now.AddHours(-1));
        ahead.Schedule(now.AddDays(1));
        db.Posts.AddRange(due, ahead);
        await db.SaveChangesAsync();
        // What the builds before this rule stored for both, brought back to the schema they had.
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(db.Database.GetMigrations().TakeWhile(m => !m.EndsWith("_ScheduledDerived")).Last());
        await db.Database.ExecuteSqlRawAsync("UPDATE \"Posts\" SET \"Status\" = 'Scheduled'");

        await db.Database.MigrateAsync();

        db.ChangeTracker.Clear();
        Assert.Equal(["scheduled-due"], await db.Posts.Published(now).Select(p => p.Slug).ToListAsync());
        Assert.Equal(["scheduled-ahead"], await db.Posts.Scheduled(now).Select(p => p.Slug).ToListAsync());
        Assert.All(await db.Posts.ToListAsync(), p => Assert.Equal(PostStatus.Published, p.Status));
    });

    [Fact]
    public async Task FirstStart_SeedsThreeCategoriesAndAWelcomePostOnce()
    {
        using var app = new Infrastructure.BlogAppFactory();
        await app.CreateClient().GetAsync("/");

        await DatabaseInitializer.InitializeAsync(app.Services);

        var categories = await app.WithDbAsync(db => db.Categories.OrderBy(c => c.Order).Select(c => c.Name).ToListAsync());
        var welcome = await app.WithDbAsync(db => db.Posts.SingleAsync());
        Assert.Equal(["Large Model", "Generative Model", "Python"], categories);
        Assert.True(welcome.HasMath);
        Assert.True(welcome.HasCode);
        Assert.Contains("<table>", welcome.Html);
        if (TestDatabase.IsPostgres)
        {
            // PostgreSQL has no journal mode to set; what start sets up there is the search index's GIN indexes.
            var indexes = await app.WithDbAsync(db => db.Database.SqlQueryRaw<string>(
                "SELECT indexdef AS \"Value\" FROM pg_indexes WHERE tablename = 'postsearch' AND indexdef LIKE '%USING gin%' ORDER BY indexname").ToListAsync());
            Assert.Equal(2, indexes.Count);
        }
        else
        {
            var journal = await app.WithDbAsync(db => db.Database.SqlQueryRaw<string>("PRAGMA journal_mode").ToListAsync());
            Assert.Equal("wal", journal.Single());
        }
    }
}
