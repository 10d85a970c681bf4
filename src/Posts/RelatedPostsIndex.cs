using Blog.Caching;
using Blog.Data;
using Microsoft.EntityFrameworkCore;

namespace Blog.Posts;

/// <summary>
/// What ranking an article's related posts needs, held in memory until the content changes
/// (<see cref="OutputCaching.EvictAsync"/> clears it, in other processes within a second too) or
/// the next scheduled post goes live: each tag's newest public posts with their tags, and each
/// category's newest. One pass over the tag links builds it after a change, once for all
/// articles; ranking with SQL at every article cost more than the rest of the page at 100,000
/// notes, where a common tag has 10,000 posts.
/// </summary>
public sealed class RelatedPostsIndex(IServiceScopeFactory scopes, NextPublication nextPublication, TimeProvider clock)
{
    /// <summary>How many of each tag's newest posts are candidates.</summary>
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
        var published = db.Posts.AsNoTracking().Published(now);

        // The links of public posts, newest post first: each post's tags arrive together, and a
        // tag takes posts until it has its candidates.
        var links = db.Set<Dictionary<string, object>>("PostTags")
            .Join(published, l => EF.Property<int>(l, "PostsId"), p => p.Id, (l, p) => new { PostId = p.Id, p.PublishedAt, TagId = EF.Property<int>(l, "TagsId") })
            .OrderByDescending(l => l.PublishedAt).ThenByDescending(l => l.PostId)
            .Select(l => new { l.PostId, l.TagId })
            .AsAsyncEnumerable();
        var byTag = new Dictionary<int, List<int>>();
        var candidates = new Dictionary<int, Candidate>();
        var post = 0;
        var tags = new List<int>();
        await foreach (var link in links)
        {
            if (link.PostId != post)
                Take(post, tags);
            post = link.PostId;
            tags.Add(link.TagId);
        }
        Take(post, tags);

        var byCategory = new Dictionary<int, int[]>();
        foreach (var category in await db.Categories.AsNoTracking().Select(c => c.Id).ToListAsync())
            byCategory[category] = await published.Where(p => p.CategoryId == category).NewestFirst().Select(p => p.Id).Take(NewestPerCategory).ToArrayAsync();

        return new Snapshot(byTag.ToDictionary(t => t.Key, t => t.Value.ToArray()), candidates, byCategory, validUntil);

        void Take(int postId, List<int> postTags)
        {
            if (postTags.Count == 0)
                return;
            var taken = false;
            foreach (var tag in postTags)
            {
                var newest = byTag.TryGetValue(tag, out var list) ? list : byTag[tag] = [];
                if (newest.Count < CandidatesPerTag)
                {
                    newest.Add(postId);
                    taken = true;
                }
            }
            if (taken)
                candidates[postId] = new Candidate(candidates.Count, postTags.ToArray());
            postTags.Clear();
        }
    }
}
