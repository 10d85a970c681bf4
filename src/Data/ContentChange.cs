using Blog.Caching;
using Blog.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Blog.Data;

/// <summary>
/// What every save sets off, whoever saves (the editor, trash and restore, an import, a category,
/// a tag or a setting): <see cref="BlogDbContext"/> sends each of its saves here, so no caller
/// has to remember any of it, and it happens in the order written below.
/// </summary>
internal static class ContentChange
{
    public static async Task<int> SaveAsync(BlogDbContext db, Func<CancellationToken, Task<int>> save, CancellationToken cancellationToken)
    {
        var changed = ChangedContent.Of(db.ChangeTracker);
        if (!changed.Any)
            return await save(cancellationToken);

        // 1. One transaction for the rows, their search entries and the version: all or nothing.
        //    A caller that holds one already (the import's batches) commits it itself: see CommitAsync.
        await using var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction!.GetDbTransaction();

        // 2. The save itself.
        var saved = await save(cancellationToken);

        // 3. The search entries of the posts it changed.
        await SearchIndex.UpdateAsync(db.Dialect.Search, connection, transaction, await changed.PostsToIndexAsync(db, cancellationToken), cancellationToken);

        // 4. A new content version: how other processes sharing the database learn of the change.
        var version = await ContentVersion.StampAsync(connection, transaction, cancellationToken);

        if (own is null)
        {
            db.UncommittedVersion = version;
            return saved;
        }

        // 5. Commit, the version known for this process's own beforehand (ContentVersion.Committing).
        db.Caches?.BeforeCommit(version);
        await own.CommitAsync(cancellationToken);

        // 6. Only now this process's caches are emptied: a page read before the commit, without the change, is not kept.
        db.Caches?.AfterSave(version);
        return saved;
    }

    /// <summary>
    /// Steps 5 and 6 for a caller that saved inside a transaction of its own: commits it, then
    /// empties the caches, as a save does after its own commit.
    /// </summary>
    public static async Task CommitAsync(BlogDbContext db, IDbContextTransaction transaction, CancellationToken cancellationToken)
    {
        var version = db.UncommittedVersion;
        if (version is not null)
            db.Caches?.BeforeCommit(version);
        await transaction.CommitAsync(cancellationToken);
        if (version is null)
            return;
        db.UncommittedVersion = null;
        db.Caches?.AfterSave(version);
    }
}
