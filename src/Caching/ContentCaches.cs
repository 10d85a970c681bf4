using Blog.Feeds;
using Blog.Posts;
using Blog.Settings;

namespace Blog.Caching;

/// <summary>
/// Every cache of what readers see, in one list: a save in this process empties them once it has
/// committed (<see cref="Data.ContentChange"/>), and a change another process made (the import
/// command, another node) empties them within a second (<see cref="CachedPagesMiddleware"/>).
/// A new cache of content belongs here, or it shows readers the site as it was.
/// </summary>
public sealed class ContentCaches(
    ContentVersion version, NextPublication nextPublication, PostCounts postCounts, RelatedPostsIndex relatedPosts,
    FeedService feeds, SiteSettingsStore settings, PageCache pages)
{
    /// <summary>Before a save of this process commits: <paramref name="stamped"/> is the content version it stamped.</summary>
    public void BeforeCommit(string stamped) => version.Committing(stamped);

    /// <summary>After a save of this process has committed: <paramref name="written"/> is the content version it stamped.</summary>
    public void AfterSave(string written)
    {
        // Not mistaken, a second later, for another process's change.
        version.Wrote(written);
        Empty(settingsToo: false);
    }

    /// <summary>After another process changed the content.</summary>
    public void AfterChangeElsewhere() => Empty(settingsToo: true);

    private void Empty(bool settingsToo)
    {
        nextPublication.Forget();
        postCounts.Clear();
        relatedPosts.Clear();
        feeds.Forget();
        // This process keeps its own settings current as it saves them (SiteSettingsStore.SaveAsync);
        // those another process saved are read again.
        if (settingsToo)
            settings.Invalidate();
        // Last: a page rendered from the caches above before they were emptied is not stored (PageCache.Generation).
        pages.Clear();
    }
}
