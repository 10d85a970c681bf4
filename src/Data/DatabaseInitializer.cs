using Blog.Content;
using Blog.Posts;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Blog.Data;

/// <summary>Creates, migrates and seeds the database; run at start by the site and by every command.</summary>
public static class DatabaseInitializer
{
    private const string SeededKey = "_seeded";
    private const string RenderVersionKey = "_render_version";

    public static async Task InitializeAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BlogDbContext>();
        var renderer = scope.ServiceProvider.GetRequiredService<MarkdownRenderer>();

        if (db.Database.IsSqlite())
            EnsureFolderOf(db.Database.GetConnectionString());
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", cancellationToken);

        await SeedAsync(db, renderer, cancellationToken);
        await RerenderOutdatedAsync(db, renderer, cancellationToken);
        Hosting.SharedKeys.EnsureKeyInForce(scope.ServiceProvider);
    }

    /// <summary>SQLite creates the file but not its folder, and a fresh checkout has no data/ yet.</summary>
    private static void EnsureFolderOf(string? connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrEmpty(dataSource) || dataSource == ":memory:")
            return;
        var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(folder))
            Directory.CreateDirectory(folder);
    }

    /// <summary>A fresh install gets the three categories and a welcome post, once.</summary>
    private static async Task SeedAsync(BlogDbContext db, MarkdownRenderer renderer, CancellationToken cancellationToken)
    {
        if (await db.Settings.AnyAsync(s => s.Key == SeededKey, cancellationToken))
            return;

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
            var welcome = new Post
            {
                Title = WelcomePost.Title,
                Slug = WelcomePost.Slug,
                Markdown = WelcomePost.Markdown,
                Status = PostStatus.Published,
                PublishedAt = now,
                CreatedAt = now,
                UpdatedAt = now,
                Category = db.Categories.Local.FirstOrDefault(c => c.Slug == "large-model")
                    ?? await db.Categories.FirstOrDefaultAsync(c => c.Slug == "large-model", cancellationToken),
            };
            renderer.RenderInto(welcome);
            db.Posts.Add(welcome);
        }

        db.Settings.Add(new Setting { Key = SeededKey, Value = "true" });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Posts rendered by an older pipeline are rendered again, so a fix reaches old notes too.
    /// The version the database was last brought up to is remembered, so that a start with
    /// nothing to do does not scan 100,000 large rows to find that out.
    /// </summary>
    private static async Task RerenderOutdatedAsync(BlogDbContext db, MarkdownRenderer renderer, CancellationToken cancellationToken)
    {
        var current = MarkdownRenderer.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var done = await db.Settings.FirstOrDefaultAsync(s => s.Key == RenderVersionKey, cancellationToken);
        if (done?.Value == current)
            return;

        while (true)
        {
            var batch = await db.Posts.Where(p => p.RenderVersion != MarkdownRenderer.Version)
                .OrderBy(p => p.Id).Take(200).ToListAsync(cancellationToken);
            if (batch.Count == 0)
                break;
            foreach (var post in batch)
                renderer.RenderInto(post);
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        var row = await db.Settings.FirstOrDefaultAsync(s => s.Key == RenderVersionKey, cancellationToken);
        if (row is null)
            db.Settings.Add(new Setting { Key = RenderVersionKey, Value = current });
        else
            row.Value = current;
        await db.SaveChangesAsync(cancellationToken);
    }
}
