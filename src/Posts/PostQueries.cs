using Blog.Data;

namespace Blog.Posts;

/// <summary>
/// The publishing rules, in one place: a post is public when it is published or scheduled, its
/// time has come, and it is not in the trash. Every public page, feed and search uses this.
/// </summary>
public static class PostQueries
{
    public static IQueryable<Post> Published(this IQueryable<Post> posts, DateTime nowUtc) =>
        posts.Where(p => (p.Status == PostStatus.Published || p.Status == PostStatus.Scheduled)
                         && p.PublishedAt <= nowUtc
                         && p.DeletedAt == null);

    public static IQueryable<Post> NewestFirst(this IQueryable<Post> posts) =>
        posts.OrderByDescending(p => p.PublishedAt).ThenByDescending(p => p.Id);

    public static IQueryable<Post> InCategory(this IQueryable<Post> posts, string categorySlug) =>
        posts.Where(p => p.Category != null && p.Category.Slug == categorySlug);

    public static IQueryable<Post> WithTag(this IQueryable<Post> posts, string tagSlug) =>
        posts.Where(p => p.Tags.Any(t => t.Slug == tagSlug));

    public static IQueryable<PostSummary> ToSummaries(this IQueryable<Post> posts) =>
        posts.Select(p => new PostSummary(
            p.Title,
            p.Slug,
            p.Summary != null && p.Summary != "" ? p.Summary : p.Excerpt,
            p.PublishedAt ?? p.CreatedAt,
            p.Category == null ? null : new CategoryLink(p.Category.Name, p.Category.Slug)));
}

public sealed record CategoryLink(string Name, string Slug);

/// <summary>What a list of posts shows of each: never the Markdown or the rendered body.</summary>
public sealed record PostSummary(string Title, string Slug, string Excerpt, DateTime PublishedAt, CategoryLink? Category);
