using Blog.Content;
using Blog.Posts;
using Microsoft.EntityFrameworkCore;

namespace Blog.Data;

/// <summary>Creates, migrates and seeds the database; run at start by the site and by every command.</summary>
public static class DatabaseInitializer
{
    private const string SeededKey = "_seeded";

    /// <summary>Safe when several processes start at once on an empty database: see <see cref="InitializationLock"/>.</summary>
    public static async Task<DatabaseSetupReport> InitializeAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BlogDbContext>();
        var renderer = scope.ServiceProvider.GetRequiredService<MarkdownRenderer>();

        db.Dialect.PrepareStorage(db.Database.GetConnectionString());
        await using var setupLock = await db.Dialect.LockSetUpAsync(db, cancellationToken);

        // The catalog is asked first: asking EF for applied migrations queries a history table
        // that a fresh database does not have yet, and logs that as an error.
        var appliedBefore = await HistoryTableExistsAsync(db, cancellationToken)
            ? (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToHashSet()
            : [];
        var applied = db.Database.GetMigrations().Where(id => !appliedBefore.Contains(id)).ToList();
        // Migrate() validates every migration and diffs the model against the snapshot before it
        // looks at the history: a fifth of a start with nothing to apply.
        if (applied.Count > 0)
            await db.Database.MigrateAsync(cancellationToken);
        await db.Dialect.AfterMigrateAsync(db, cancellationToken);

        var seeded = await SeedAsync(db, renderer, cancellationToken);
        Hosting.SharedKeys.EnsureKeyInForce(scope.ServiceProvider);
        // Posts rendered by an older pipeline are not rendered again here, under the lock: see OutdatedPosts.
        return new DatabaseSetupReport(applied, db.Database.GetMigrations().LastOrDefault(), seeded);
    }

    private static async Task<bool> HistoryTableExistsAsync(BlogDbContext db, CancellationToken cancellationToken) =>
        await db.Database.SqlQueryRaw<int>(db.Dialect.HistoryTableCountSql).SingleAsync(cancellationToken) > 0;

    /// <summary>A fresh install gets the three categories and a welcome post, once.</summary>
    private static async Task<bool> SeedAsync(BlogDbContext db, MarkdownRenderer renderer, CancellationToken cancellationToken)
    {
        if (await db.Settings.AnyAsync(s => s.Key == SeededKey, cancellationToken))
            return false;

        var categories = new[]
        {
            new Category { Name = "Large Model", Slug = "large-model", Order = 1, Description = "大语言模型的原理、训练与应用。" },
            new Category { Name = "Generative Model", Slug = "generative-model", Order = 2, Description = "VAE、GAN、扩散模型等生成模型。" },
            new Category { Name = "Python", Slug = "python", Order = 3, Description = "Python 与深度学习工程实践。" },
        };
        foreach (var category in categories)
        {
            if (!await db.Categories.AnyAsync(c => c.Slug == category.Slug, cancellationToken))
                db.Categories.Add(category);
        }

        if (!await db.Posts.AnyAsync(cancellationToken))
        {
            var now = DateTime.UtcNow;
            var welcome = new Post(WelcomePost.Title, WelcomePost.Slug, WelcomePost.Markdown, now)
            {
                Category = db.Categories.Local.FirstOrDefault(c => c.Slug == "large-model")
                    ?? await db.Categories.FirstOrDefaultAsync(c => c.Slug == "large-model", cancellationToken),
            };
            welcome.Publish(now);
            welcome.CompleteSave(renderer.Render(welcome.Markdown), now);
            db.Posts.Add(welcome);
            await OutdatedPosts.MarkUpToDateAsync(db, cancellationToken); // its only post is rendered just above
        }

        db.Settings.Add(new Setting { Key = SeededKey, Value = "true" });
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
