using Blog.Data;
using Blog.Posts;
using Microsoft.EntityFrameworkCore;

namespace Blog.Pages.Posts;

/// <summary>
/// The article page's queries, compiled once (for each database provider). Asked as LINQ at each
/// request, EF built every query's expression again, took its parameters out and looked it up in
/// its cache: for these few rows that cost more than the database's work. A compiled query cannot
/// call <see cref="PostQueries.Published"/>, so each states the same rule (published, its time
/// come, not in the trash) in the same words.
/// </summary>
internal static class ArticleQueries
{
    /// <summary>The public article with this slug. Its tags come in a query of their own: joined to the article,
    /// SQLite materialized every post's tag links (200,000 rows at 100,000 notes) to find this one's.</summary>
    public static Task<ArticleView?> BySlugAsync(BlogDbContext db, string slug, DateTime now, CancellationToken cancellationToken) =>
        BySlug.For(db)(db, slug, now, cancellationToken);

    private static readonly CompiledForEachProvider<Func<BlogDbContext, string, DateTime, CancellationToken, Task<ArticleView?>>> BySlug = new(() => EF.CompileAsyncQuery(
        (BlogDbContext db, string slug, DateTime now, CancellationToken _) => db.Posts
            .Where(p => p.Status == PostStatus.Published && p.PublishedAt <= now && p.DeletedAt == null && p.Slug == slug)
            .Select(p => new ArticleView(
                p.Id, p.Title, p.Slug, p.Html, p.TocHtml,
                p.Summary != null && p.Summary != "" ? p.Summary : p.Excerpt,
                p.PublishedAt!.Value, p.UpdatedAt, p.ReadingMinutes, p.WordCount,
                p.HasMath, p.HasCode, p.CoverImage, p.CategoryId,
                p.Category == null ? null : new CategoryLink(p.Category.Name, p.Category.Slug),
                new List<TagLink>(), p.Language))
            .FirstOrDefault()));

    /// <summary>From the article's own tag links (the primary key), by name.</summary>
    public static IAsyncEnumerable<TagLink> Tags(BlogDbContext db, int postId) => TagsQuery.For(db)(db, postId);

    private static readonly CompiledForEachProvider<Func<BlogDbContext, int, IAsyncEnumerable<TagLink>>> TagsQuery = new(() => EF.CompileAsyncQuery(
        (BlogDbContext db, int postId) => db.PostTags
            .Where(l => l.PostId == postId)
            .Join(db.Tags, l => l.TagId, t => t.Id, (l, t) => t)
            .OrderBy(t => t.Name)
            .Select(t => new TagLink(t.Id, t.Name, t.Slug))));

    /// <summary>
    /// The article's neighbours in the blog's order, the one before and the one after, in one
    /// statement. "Earlier than the article" is a range on PublishedAt (&lt;=) narrowed by the
    /// tie-break, rather than an OR of two ranges: SQLite then reads the publication index from the
    /// article onwards instead of sorting every earlier post (20 ms at 100,000 notes); "later" likewise.
    /// </summary>
    public static IAsyncEnumerable<Neighbour> Neighbours(BlogDbContext db, DateTime at, int id, DateTime now) =>
        NeighboursQuery.For(db)(db, at, id, now);

    private static readonly CompiledForEachProvider<Func<BlogDbContext, DateTime, int, DateTime, IAsyncEnumerable<Neighbour>>> NeighboursQuery = new(() => EF.CompileAsyncQuery(
        (BlogDbContext db, DateTime at, int id, DateTime now) => db.Posts
            .Where(p => p.Status == PostStatus.Published && p.PublishedAt <= now && p.DeletedAt == null)
            .Where(p => p.PublishedAt <= at && (p.PublishedAt < at || p.Id < id))
            .OrderByDescending(p => p.PublishedAt).ThenByDescending(p => p.Id)
            .Select(p => new { p.Id, p.PublishedAt, p.Title, p.Slug })
            .Take(1)
            .Concat(db.Posts
                .Where(p => p.Status == PostStatus.Published && p.PublishedAt <= now && p.DeletedAt == null)
                .Where(p => p.PublishedAt >= at && (p.PublishedAt > at || p.Id > id))
                .OrderBy(p => p.PublishedAt).ThenBy(p => p.Id)
                .Select(p => new { p.Id, p.PublishedAt, p.Title, p.Slug })
                .Take(1))
            .Select(p => new Neighbour(p.Id, p.PublishedAt!.Value, new PostLink(p.Title, p.Slug)))));

    internal sealed record Neighbour(int Id, DateTime PublishedAt, PostLink Link)
    {
        public bool IsAfter(DateTime at, int id) => PublishedAt > at || PublishedAt == at && Id > id;
    }
}
