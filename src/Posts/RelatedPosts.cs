using Blog.Data;
using Microsoft.EntityFrameworkCore;

namespace Blog.Posts;

/// <summary>
/// The few articles shown at the foot of an article: those that share the most of its tags,
/// then the newest of its category. They are ranked in memory (<see cref="RelatedPostsIndex"/>);
/// the database is asked only for the summaries shown.
/// </summary>
public static class RelatedPosts
{
    public static async Task<IReadOnlyList<PostSummary>> RelatedAsync(this IQueryable<Post> published, RelatedPostsIndex index,
        int postId, int? categoryId, IReadOnlyCollection<int> tagIds, int count, CancellationToken cancellationToken)
    {
        var shown = await index.RelatedToAsync(postId, categoryId, tagIds, count, cancellationToken);
        if (shown.Count == 0)
            return [];
        // Read by id, and still only if public: the index may be a moment older than a post's
        // state (it is dropped when the content changes, but a request may have begun before).
        var summaries = await published.Where(p => shown.Contains(p.Id)).ToSummaries().ToListAsync(cancellationToken);
        return summaries.OrderBy(p => shown.IndexOf(p.Id)).ToList();
    }
}
