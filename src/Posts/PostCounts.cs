using System.Collections.Concurrent;
using Blog.Caching;
using Blog.Data;
using Microsoft.EntityFrameworkCore;

namespace Blog.Posts;

/// <summary>
/// How many published posts each list has, remembered until the content changes (cleared with
/// the page cache) or the next scheduled post goes live: counting 100,000 posts for every page
/// of every list would cost more than the page itself.
/// </summary>
public sealed class PostCounts(NextPublication nextPublication, TimeProvider clock)
{
    private sealed record Entry(int Count, DateTime? ValidUntil);

    private readonly ConcurrentDictionary<string, Entry> _counts = new();

    public async Task<int> CountAsync(string list, IQueryable<Post> published, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (_counts.TryGetValue(list, out var known) && (known.ValidUntil is null || known.ValidUntil > now))
            return known.Count;

        var validUntil = await nextPublication.GetAsync(cancellationToken);
        var count = await published.CountAsync(cancellationToken);
        if (_counts.Count > 10_000)
            _counts.Clear(); // one entry per category and tag: a bound, not an expected size
        _counts[list] = new Entry(count, validUntil);
        return count;
    }

    public void Clear() => _counts.Clear();
}
