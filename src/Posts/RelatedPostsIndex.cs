using Blog.Caching;
using Blog.Data;
using Microsoft.EntityFrameworkCore;

namespace Blog.Posts;

/// <summary>
/// What ranking an article's related posts needs, held in memory until the content changes
/// (<see cref="OutputCaching.EvictAsync"/> clears it, in other processes within a second too) or
/// the next scheduled post goes live: each tag's latest public posts with their tags, and each
/// category's newest. Built after a change by the first article that needs it, once for all
/// articles, from a few index entries per tag: ranking with SQL at every article cost more than
/// the rest of the page at 100,000 notes, where a common tag has 10,000 posts.
/// </summary>
public sealed class RelatedPostsIndex(IServiceScopeFactory scopes, NextPublication nextPublication, TimeProvider clock)
{
    /// <summary>How many of each tag's latest posts are candidates.</summary>
    public const int CandidatesPerTag = 50;

    /// <summary>Each category's newest posts kept: enough to fill a few places past the article and those ranked by tags.</summary>
    private const int NewestPerCategory = 8;

    /// <param name="Newness">Place in the blog, newest first: ties in shared tags go to the newer post.</param>
    private sealed record Candidate(int Newness, int[] Tags);

    private sealed record Snapshot(
        Dictionary<int, int[]> ByTag, Dictionary<int, Candidate> Candidates, Dictionary<int, int[]> ByCategory, DateTime? ValidUntil);

    private readonly Lock _lock = new();
    private Task<Snapshot>? _current;

    /// <summary>
    /// Up to <paramref name="count"/> public posts for the article: those sharing the most of its
    /// tags, the newer first, then the newest of its category.
    /// </summary>
    public async Task<List<int>> RelatedToAsync(int postId, int? categoryId, IReadOnlyCollection<int> tagIds, int count,
        CancellationToken cancellationToken)
    {
        var index = await CurrentAsync().WaitAsync(cancellationToken);
        var shared = new Dictionary<int, int>();
        foreach (var tag in tagIds)
        {
            foreach (var id in index.ByTag.GetValueOrDefault(tag, []))
            {
                if (id != postId && !shared.ContainsKey(id))
                    shared[id] = index.Candidates[id].Tags.Count(tagIds.Contains);
            }
        }
        var related = shared.OrderByDescending(c => c.Value).ThenBy(c => index.Candidates[c.Key].Newness)
            .Take(count).Select(c => c.Key).ToList();
        if (categoryId is { } category)
            related.AddRange(index.ByCategory.GetValueOrDefault(category, []).Where(id => id != postId && !related.Contains(id)).Take(count - related.Count));
        return related;
    }

    public void Clear()
    {
        lock (_lock)
            _current = null;
    }

    /// <summary>
    /// The index, built by the first request that needs it and shared with those that come while
    /// it is built. A build begun before a change is not kept: <see cref="Clear"/> lets the next
    /// request start another.
    /// </summary>
    private Task<Snapshot> CurrentAsync()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        lock (_lock)
        {
            if (_current is not { IsFaulted: false, IsCanceled: false } current
                || current is { IsCompletedSuccessfully: true, Result.ValidUntil: { } until } && until <= now)
            {
                _current = current = Task.Run(() => BuildAsync(now));
            }
            return current;
        }
    }

    private async Task<Snapshot> BuildAsync(DateTime now)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BlogDbContext>();
        var validUntil = await nextPublication.GetAsync(CancellationToken.None);

        var latest = new Dictionary<int, List<int>>();
        foreach (var tag in await db.Tags.AsNoTracking().Select(t => t.Id).ToListAsync())
            latest[tag] = await db.Dialect.LatestTaggedAsync(db, tag, CandidatesPerTag);
        var ids = latest.Values.SelectMany(posts => posts).Distinct().ToList();

        // Which candidates are public, and their order in the blog; read from the visibility
        // columns of those rows alone, never from every post.
        var states = await db.Posts.AsNoTracking().Where(p => ids.Contains(p.Id))
            .Select(p => new { p.Id, p.Status, p.PublishedAt, p.DeletedAt }).ToListAsync();
        var newness = states.Where(p => PostQueries.StateOf(p.Status, p.PublishedAt, p.DeletedAt, now) == PostState.Published)
            .OrderByDescending(p => p.PublishedAt).ThenByDescending(p => p.Id)
            .Select((p, place) => (p.Id, place)).ToDictionary(p => p.Id, p => p.place);
        var tagsOf = (await db.PostTags.AsNoTracking().Where(l => ids.Contains(l.PostId)).ToListAsync())
            .ToLookup(l => l.PostId, l => l.TagId);

        var byCategory = new Dictionary<int, int[]>();
        var published = db.Posts.AsNoTracking().Published(now);
        foreach (var category in await db.Categories.AsNoTracking().Select(c => c.Id).ToListAsync())
            byCategory[category] = await published.Where(p => p.CategoryId == category).NewestFirst().Select(p => p.Id).Take(NewestPerCategory).ToArrayAsync();

        return new Snapshot(
            latest.ToDictionary(t => t.Key, t => t.Value.Where(newness.ContainsKey).ToArray()),
            newness.ToDictionary(p => p.Key, p => new Candidate(p.Value, tagsOf[p.Key].ToArray())),
            byCategory, validUntil);
    }
}
