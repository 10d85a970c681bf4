using Blog.Content;
using Blog.Data;
using Microsoft.EntityFrameworkCore;

namespace Blog.Posts;

public static class PostSlugs
{
    /// <summary>The slug itself when free, else the first free one of slug-2, slug-3...</summary>
    public static async Task<string> UniqueAsync(this BlogDbContext db, string slug, int exceptPostId, CancellationToken cancellationToken)
    {
        var taken = await db.Posts
            .Where(p => p.Id != exceptPostId && (p.Slug == slug || p.Slug.StartsWith(slug + "-")))
            .Select(p => p.Slug)
            .ToHashSetAsync(cancellationToken);
        if (!taken.Contains(slug))
            return slug;
        for (var n = 2; ; n++)
        {
            if (!taken.Contains($"{slug}-{n}"))
                return $"{slug}-{n}";
        }
    }

    /// <summary>The post that already uses this slug (trashed posts included: the slug is unique across all).</summary>
    public static Task<SlugOwner?> OwnerOfSlugAsync(this BlogDbContext db, string slug, int exceptPostId, CancellationToken cancellationToken) =>
        db.Posts.AsNoTracking()
            .Where(p => p.Slug == slug && p.Id != exceptPostId)
            .Select(p => new SlugOwner(p.Id, p.Title, p.DeletedAt != null))
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Gives the post a new slug. Once the post has been public, its old URL may be in readers'
    /// bookmarks and search engines, so it keeps answering with a 301 to the new one. A redirect
    /// row using the new live slug is dropped: the live post wins, and the row would block a
    /// later redirect from that slug.
    /// </summary>
    public static async Task ChangeSlugAsync(this BlogDbContext db, Post post, string newSlug, DateTime nowUtc, CancellationToken cancellationToken)
    {
        if (post.Slug == newSlug)
            return;
        var oldSlug = post.Slug;
        var rows = await db.SlugRedirects
            .Where(r => r.Kind == RedirectKind.Post && (r.Slug == newSlug || r.Slug == oldSlug))
            .ToListAsync(cancellationToken);
        db.SlugRedirects.RemoveRange(rows.Where(r => r.Slug == newSlug));

        if (post.Id != 0 && post.HasBeenPublic(nowUtc))
        {
            if (rows.FirstOrDefault(r => r.Slug == oldSlug) is { } existing)
                existing.TargetId = post.Id;
            else
                db.SlugRedirects.Add(new SlugRedirect { Kind = RedirectKind.Post, Slug = oldSlug, TargetId = post.Id });
        }
        post.Slug = newSlug;
    }
}

public sealed record SlugOwner(int Id, string Title, bool Trashed);
