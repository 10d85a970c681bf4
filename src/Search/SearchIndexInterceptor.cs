using System.Runtime.CompilerServices;
using Blog.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace Blog.Search;

/// <summary>
/// Keeps the search index in step with every save, whoever saves (editor, import, trash, rename),
/// inside the save's own transaction: a post and its index entry are committed or rolled back together.
/// </summary>
internal sealed class SearchIndexInterceptor : SaveChangesInterceptor
{
    private sealed class Pending
    {
        public readonly List<Post> Posts = [];
        public readonly HashSet<int> PostIds = [];
        public readonly List<int> TagIds = [];
        public readonly List<int> CategoryIds = [];
        public IDbContextTransaction? OwnTransaction;
    }

    private readonly ConditionalWeakTable<DbContext, Pending> _pending = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (Collect(eventData.Context) is { } pending && eventData.Context!.Database.CurrentTransaction is null)
            pending.OwnTransaction = eventData.Context.Database.BeginTransaction();
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (Collect(eventData.Context) is { } pending && eventData.Context!.Database.CurrentTransaction is null)
            pending.OwnTransaction = await eventData.Context.Database.BeginTransactionAsync(cancellationToken);
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        UpdateAsync(eventData.Context, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        await UpdateAsync(eventData.Context, cancellationToken);
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Abandon(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Abandon(eventData.Context);
        return Task.CompletedTask;
    }

    /// <summary>Notes what the save touches that the index shows: posts, their tags, tag and category names.</summary>
    private Pending? Collect(DbContext? context)
    {
        if (context is null)
            return null;
        var pending = new Pending();
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
                continue;
            switch (entry.Entity)
            {
                case Post post:
                    pending.Posts.Add(post);
                    if (entry.State != EntityState.Added) pending.PostIds.Add(post.Id);
                    break;
                case Dictionary<string, object> join when entry.Metadata.Name == "PostTags" && entry.Property("PostsId").CurrentValue is int postId && postId > 0:
                    pending.PostIds.Add(postId);
                    break;
                case Tag { Id: > 0 } tag when entry.State == EntityState.Modified:
                    pending.TagIds.Add(tag.Id);
                    break;
                case Category { Id: > 0 } category when entry.State == EntityState.Modified:
                    pending.CategoryIds.Add(category.Id);
                    break;
            }
        }
        if (pending.Posts.Count == 0 && pending.PostIds.Count == 0 && pending.TagIds.Count == 0 && pending.CategoryIds.Count == 0)
            return null;
        _pending.AddOrUpdate(context, pending);
        return pending;
    }

    private async Task UpdateAsync(DbContext? context, CancellationToken cancellationToken)
    {
        if (context is null || !_pending.TryGetValue(context, out var pending))
            return;
        _pending.Remove(context);
        try
        {
            var connection = context.Database.GetDbConnection();
            var transaction = context.Database.CurrentTransaction?.GetDbTransaction();
            var ids = new HashSet<int>(pending.PostIds.Concat(pending.Posts.Select(p => p.Id)));
            ids.UnionWith(await PostsOfAsync(context, """SELECT "PostsId" FROM "PostTags" WHERE "TagsId" IN ({0})""", pending.TagIds, cancellationToken));
            ids.UnionWith(await PostsOfAsync(context, """SELECT "Id" FROM "Posts" WHERE "CategoryId" IN ({0})""", pending.CategoryIds, cancellationToken));
            await SearchIndex.UpdateAsync(((BlogDbContext)context).Dialect.Search, connection, transaction, ids, cancellationToken);
            if (pending.OwnTransaction is { } own)
                await own.CommitAsync(cancellationToken);
        }
        finally
        {
            pending.OwnTransaction?.Dispose();
        }
    }

    private static async Task<List<int>> PostsOfAsync(DbContext context, string sql, List<int> ids, CancellationToken cancellationToken)
    {
        var posts = new List<int>();
        if (ids.Count == 0)
            return posts;
        await using var command = context.Database.GetDbConnection().CreateCommand();
        command.Transaction = context.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = string.Format(sql, string.Join(',', ids)); // integers only
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            posts.Add(reader.GetInt32(0));
        return posts;
    }

    private void Abandon(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var pending))
            return;
        _pending.Remove(context);
        pending.OwnTransaction?.Rollback();
        pending.OwnTransaction?.Dispose();
    }
}
