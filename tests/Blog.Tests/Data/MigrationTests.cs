using Blog.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Blog.Tests.Data;

public class MigrationTests
{
    [Fact]
    public async Task EmptyDatabase_MigratesAndTheModelHasNoPendingChanges()
    {
        var file = Path.Combine(Path.GetTempPath(), $"blog-migrate-{Guid.NewGuid():N}.db");
        try
        {
            await using var db = new BlogDbContext(new DbContextOptionsBuilder<BlogDbContext>().UseSqlite($"Data Source={file}").Options);

            await db.Database.MigrateAsync();

            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.False(db.Database.HasPendingModelChanges());
            Assert.Equal(0, await db.Posts.CountAsync());
            Assert.Equal(0, await db.Media.CountAsync());
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

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
        var journal = await app.WithDbAsync(db => db.Database.SqlQueryRaw<string>("PRAGMA journal_mode").ToListAsync());
        Assert.Equal("wal", journal.Single());
    }
}
