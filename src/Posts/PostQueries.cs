using Blog.Data;
using Microsoft.EntityFrameworkCore;

namespace Blog.Posts;

/// <summary>
/// The publishing rule, in one place: a post is public when it is published, its time has come,
/// and it is not in the trash; published with a time still ahead, it is scheduled. Stated here
/// three ways, for the three places a rule can run: LINQ (<see cref="Published"/> and its
/// siblings), SQL (<see cref="PublishedSql"/>) and memory (<see cref="StateOf"/>, which
/// <see cref="Post.StateAt"/> asks). Every public page, feed, search and admin list uses these;
/// the article page's compiled queries (<c>ArticleQueries</c>), which cannot call a method, write
/// the LINQ form out.
/// </summary>
public static class PostQueries
{
    public static IQueryable<Post> Published(this IQueryable<Post> posts, DateTime nowUtc) =>
        posts.Where(p => p.Status == PostStatus.Published && p.PublishedAt <= nowUtc && p.DeletedAt == null);

    /// <summary>
    /// <see cref="Published"/> as SQL over a post aliased <c>p</c>, for the raw SQLite queries that
    /// must name an index (INDEXED BY); <paramref name="now"/> is the placeholder of the time.
    /// </summary>
    public static string PublishedSql(string now) =>
        $"p.\"Status\" = '{PostStatus.Published}' AND p.\"PublishedAt\" <= {now} AND p.\"DeletedAt\" IS NULL";

    /// <summary>Drafts, and posts that were never given a publication time (never public).</summary>
    public static IQueryable<Post> Drafts(this IQueryable<Post> posts) =>
        posts.Where(p => (p.Status == PostStatus.Draft || p.PublishedAt == null) && p.DeletedAt == null);

    /// <summary>Posts that will become public by themselves when their time comes.</summary>
    public static IQueryable<Post> Scheduled(this IQueryable<Post> posts, DateTime nowUtc) =>
        posts.Where(p => p.Status == PostStatus.Published && p.PublishedAt > nowUtc && p.DeletedAt == null);

    public static IQueryable<Post> NotInTrash(this IQueryable<Post> posts) => posts.Where(p => p.DeletedAt == null);

    public static IQueryable<Post> InTrash(this IQueryable<Post> posts) => posts.Where(p => p.DeletedAt != null);

    /// <summary>Where a post stands by the rules above, for a post or a row in memory: Drafts, Scheduled, Published and InTrash never overlap.</summary>
    public static PostState StateOf(PostStatus status, DateTime? publishedAt, DateTime? deletedAt, DateTime nowUtc) =>
        deletedAt is not null ? PostState.Trash
        : status == PostStatus.Draft || publishedAt is null ? PostState.Draft
        : publishedAt > nowUtc ? PostState.Scheduled
        : PostState.Published;

    /// <summary>
    /// The posts with their tags, read in a second statement by the posts' keys. Joined in one
    /// statement to a single post (EF's LIMIT 1 subquery), the tags came from a join SQLite
    /// materializes whole: every post's tag links, for the one post's.
    /// </summary>
    public static IQueryable<Post> WithTags(this IQueryable<Post> posts) => posts.Include(p => p.Tags).AsSplitQuery();

    public static IQueryable<Post> NewestFirst(this IQueryable<Post> posts) =>
        posts.OrderByDescending(p => p.PublishedAt).ThenByDescending(p => p.Id);

    public static IQueryable<Post> InCategory(this IQueryable<Post> posts, string categorySlug) =>
        posts.Where(p => p.Category != null && p.Category.Slug == categorySlug);

    public static IQueryable<Post> WithTag(this IQueryable<Post> posts, string tagSlug) =>
        posts.Where(p => p.Tags.Any(t => t.Slug == tagSlug));

    public static IQueryable<PostSummary> ToSummaries(this IQueryable<Post> posts) =>
        posts.Select(p => new PostSummary(
            p.Id,
            p.Title,
            p.Slug,
            p.Summary != null && p.Summary != "" ? p.Summary : p.Excerpt,
            p.PublishedAt ?? p.CreatedAt,
            p.Category == null ? null : new CategoryLink(p.Category.Name, p.Category.Slug)));
}

/// <summary>What the admin shows a post as; unlike the stored <see cref="PostStatus"/>, it accounts for time and the trash.</summary>
public enum PostState
{
    Draft,
    Scheduled,
    Published,
    Trash,
}

public sealed record CategoryLink(string Name, string Slug);

/// <summary>What a list of posts shows of each: never the Markdown or the rendered body.</summary>
public sealed record PostSummary(int Id, string Title, string Slug, string Excerpt, DateTime PublishedAt, CategoryLink? Category);
