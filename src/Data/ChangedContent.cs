using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Blog.Data;

/// <summary>
/// What a save is about to change that readers see, noted before the save while the change
/// tracker still knows: posts and their tags, categories, tags, settings, old-slug redirects.
/// Accounts, media rows, data-protection keys and the like change nothing a reader sees.
/// </summary>
internal sealed class ChangedContent
{
    private readonly List<Post> _posts = [];
    private readonly HashSet<int> _postIds = [];
    private readonly List<int> _renamedTags = [];
    private readonly List<int> _renamedCategories = [];

    /// <summary>False when the save changes nothing a reader sees: it needs no index, version or eviction.</summary>
    public bool Any { get; private set; }

    public static ChangedContent Of(ChangeTracker tracker)
    {
        var changed = new ChangedContent();
        foreach (var entry in tracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
                continue;
            switch (entry.Entity)
            {
                case Post post:
                    changed._posts.Add(post); // an added post has its id only after the save
                    break;
                case Tag { Id: > 0 } tag when entry.State == EntityState.Modified:
                    changed._renamedTags.Add(tag.Id);
                    break;
                case Category { Id: > 0 } category when entry.State == EntityState.Modified:
                    changed._renamedCategories.Add(category.Id);
                    break;
                case PostTag link:
                    if (link.PostId > 0) changed._postIds.Add(link.PostId); // a new post's link waits for its id: the post is noted
                    break;
                case Tag or Category or Setting or SlugRedirect:
                    break;
                default:
                    continue;
            }
            changed.Any = true;
        }
        return changed;
    }

    /// <summary>
    /// After the save, when added posts have their ids: the posts whose search entry is written
    /// again (those saved, tagged or untagged, and those under a renamed tag or category).
    /// </summary>
    public async Task<IReadOnlyCollection<int>> PostsToIndexAsync(BlogDbContext db, CancellationToken cancellationToken)
    {
        var ids = new HashSet<int>(_postIds);
        ids.UnionWith(_posts.Select(p => p.Id));
        if (_renamedTags.Count > 0)
            ids.UnionWith(await db.PostTags.Where(l => _renamedTags.Contains(l.TagId)).Select(l => l.PostId).ToListAsync(cancellationToken));
        if (_renamedCategories.Count > 0)
            ids.UnionWith(await db.Posts.Where(p => p.CategoryId != null && _renamedCategories.Contains(p.CategoryId.Value)).Select(p => p.Id).ToListAsync(cancellationToken));
        return ids;
    }
}
