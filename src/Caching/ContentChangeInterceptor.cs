using System.Runtime.CompilerServices;
using Blog.Data;
using Blog.Settings;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Blog.Caching;

/// <summary>
/// A save that changes what readers see (posts, their tags, categories, tags, settings,
/// redirects) also writes a new <see cref="ContentVersion"/> in the same transaction, and once it
/// has committed drops every cached public page, before the save returns: the very next request
/// shows the change.
/// </summary>
internal sealed class ContentChangeInterceptor(IServiceProvider services) : SaveChangesInterceptor
{
    private static readonly Type[] PublicContent = [typeof(Post), typeof(Category), typeof(Tag), typeof(Setting), typeof(SlugRedirect)];

    private readonly ConditionalWeakTable<DbContext, string> _written = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        StampIfContentChanged(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        StampIfContentChanged(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        AfterSaveAsync(eventData.Context, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        await AfterSaveAsync(eventData.Context, cancellationToken);
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        if (eventData.Context is { } context)
            _written.Remove(context);
    }

    private void StampIfContentChanged(DbContext? context)
    {
        if (context is null)
            return;
        var changed = context.ChangeTracker.Entries().Any(e =>
            e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
            && (PublicContent.Contains(e.Metadata.ClrType) || e.Metadata.Name == "PostTags")
            && e.Entity is not Setting { Key: ContentVersion.Key });
        if (!changed)
            return;

        var version = Guid.NewGuid().ToString("N");
        var stamp = context.Set<Setting>().Local.FirstOrDefault(s => s.Key == ContentVersion.Key)
            ?? context.Set<Setting>().Find(ContentVersion.Key);
        if (stamp is null)
            context.Set<Setting>().Add(new Setting { Key = ContentVersion.Key, Value = version });
        else
            stamp.Value = version;
        _written.AddOrUpdate(context, version);
    }

    private async ValueTask AfterSaveAsync(DbContext? context, CancellationToken cancellationToken)
    {
        if (context is null || !_written.TryGetValue(context, out var version))
            return;
        _written.Remove(context);
        // Within a caller's own transaction the change is not visible yet; it is when the caller
        // commits, and the eviction below is harmless before that.
        services.GetRequiredService<ContentVersion>().Wrote(version);
        await OutputCaching.EvictAsync(services, changedElsewhere: false, cancellationToken);
    }
}
