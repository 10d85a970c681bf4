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
    /// <summary>
    /// Read by id alone (with the publishing rules in the query, SQLite walked the publication
    /// index instead), and checked in memory: the index may be a moment older than a post's state
    /// (it is dropped when the content changes, but a request may have begun before). Compiled
    /// once, as the article's other queries are (see <c>ArticleQueries</c>).
    /// </summary>
    private static readonly CompiledForEachProvider<Func<BlogDbContext, List<int>, IAsyncEnumerable<ShownRow>>> Summaries = new(() => EF.CompileAsyncQuery(
        (BlogDbContext db, List<int> shown) => db.Posts.Where(p => shown.Contains(p.Id))
            .Select(p => new ShownRow(p.Status, p.PublishedAt, p.DeletedAt, new PostSummary(
                p.Id, p.Title, p.Slug, p.Summary != null && p.Summary != "" ? p.Summary : p.Excerpt, p.PublishedAt ?? p.CreatedAt,
                p.Category == null ? null : new CategoryLink(p.Category.Name, p.Category.Slug))))));

    private sealed record ShownRow(PostStatus Status, DateTime? PublishedAt, DateTime? DeletedAt, PostSummary Summary);

    public static async Task<IReadOnlyList<PostSummary>> RelatedAsync(this BlogDbContext db, RelatedPostsIndex index, DateTime nowUtc,
        int postId, int? categoryId, IReadOnlyCollection<int> tagIds, int count, CancellationToken cancellationToken)
    {
        var shown = await index.RelatedToAsync(postId, categoryId, tagIds, count, cancellationToken);
        if (shown.Count == 0)
            return [];
        var rows = await Summaries.For(db)(db, shown).ToListAsync(cancellationToken);
        return rows.Where(r => PostQueries.StateOf(r.Status, r.PublishedAt, r.DeletedAt, nowUtc) == PostState.Published)
            .Select(r => r.Summary).OrderBy(p => shown.IndexOf(p.Id)).ToList();
    }
}
