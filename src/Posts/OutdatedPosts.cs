using Blog.Content;
using Blog.Data;
using Microsoft.EntityFrameworkCore;

namespace Blog.Posts;

/// <summary>
/// Posts rendered by an older Markdown pipeline (a lower <see cref="Post.RenderVersion"/>) are
/// rendered again, so that a fix reaches old notes too. Each batch is its own transaction, and the
/// version is kept per post: a process stopped midway goes on where it stopped at its next start.
/// The site does this in the background after it answers (<see cref="BackgroundRerender"/>); every
/// command, <c>migrate</c> included, does it before its own work.
/// </summary>
public static class OutdatedPosts
{
    private const string RenderVersionKey = "_render_version";
    private const int BatchSize = 100;

    private static readonly string Current = MarkdownRenderer.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);


    /// <summary>
    /// Re-renders every outdated post; returns how many. <paramref name="betweenBatches"/> is awaited
    /// after each batch (the site pauses there, so that readers come first).
    /// </summary>
    public static async Task<int> RerenderAsync(IServiceProvider services, Func<CancellationToken, Task>? betweenBatches, CancellationToken cancellationToken)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BlogDbContext>();
        var renderer = scope.ServiceProvider.GetRequiredService<MarkdownRenderer>();
        // The version the database was last brought up to: a start with nothing to do does not
        // scan 100,000 large rows to find that out.
        if ((await db.Settings.AsNoTracking().FirstOrDefaultAsync(s => s.Key == RenderVersionKey, cancellationToken))?.Value == Current)
            return 0;

        var rerendered = 0;
        var kept = new List<(int Id, string Error)>();
        var after = 0;
        while (true)
        {
            // Below, not different: a node still running an older build must not render back what a newer one did.
            var batch = await db.Posts.Where(p => p.RenderVersion < MarkdownRenderer.Version && p.Id > after)
                .OrderBy(p => p.Id).Take(BatchSize).ToListAsync(cancellationToken);
            if (batch.Count == 0)
                break;
            foreach (var post in batch)
            {
                var rendered = renderer.Render(post.Markdown);
                // A post that rendered before and does not now (out of time on a busy machine, or a
                // fault of the new pipeline) keeps the HTML readers saw, which is still valid, rather
                // than turning into its text as typed; it stays outdated, to be tried at the next start.
                if (rendered.Error is not null && post.RenderError is null)
                {
                    kept.Add((post.Id, rendered.Error));
                    continue;
                }
                post.ApplyRender(rendered);
                rerendered++;
            }
            await SaveKeepingNewerSavesAsync(db, cancellationToken);
            after = batch[^1].Id;
            db.ChangeTracker.Clear();
            if (betweenBatches is not null)
                await betweenBatches(cancellationToken);
        }
        if (kept.Count > 0)
        {
            services.GetService<ILoggerFactory>()?.CreateLogger(typeof(OutdatedPosts)).LogWarning(
                "{Count} posts could not be rendered again and keep their previous HTML; they are tried again at the next start. The first, post {Id}: {Error}",
                kept.Count, kept[0].Id, kept[0].Error);
            return rerendered; // the database is not up to date: the next start looks again
        }

        await MarkUpToDateAsync(db, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return rerendered;
    }

    /// <summary>
    /// Marks every post as rendered by this pipeline, with the caller's next save. The seed marks a
    /// new database so: else the site's first start would look for outdated posts and write the mark
    /// then, a save that empties the page cache of a site that has just begun to answer.
    /// </summary>
    public static async Task MarkUpToDateAsync(BlogDbContext db, CancellationToken cancellationToken)
    {
        var row = await db.Settings.FirstOrDefaultAsync(s => s.Key == RenderVersionKey, cancellationToken);
        if (row is null)
            db.Settings.Add(new Setting { Key = RenderVersionKey, Value = Current });
        else
            row.Value = Current;
    }

    /// <summary>
    /// A post the author saved while its batch was rendering (the site serves meanwhile) keeps that
    /// save: the render of its older text is dropped (the save rendered it with this pipeline), and
    /// the rest of the batch is saved. Another node re-rendering the same post writes the same thing.
    /// </summary>
    private static async Task SaveKeepingNewerSavesAsync(BlogDbContext db, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (DbUpdateConcurrencyException e)
            {
                foreach (var entry in e.Entries)
                    entry.State = EntityState.Detached;
            }
        }
    }
}
