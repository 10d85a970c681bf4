using Blog.Content;
using Blog.Data;
using Microsoft.EntityFrameworkCore;

namespace Blog.Posts;

/// <summary>
/// The site's rule for slugs and case: a slug is unique whatever its case ("Mixed" and "mixed" are
/// the same slug), is kept in the case it was given, and a URL in any other casing answers 301 to
/// it. The output cache keys paths case-sensitively (OutputCaching), so one casing's answer is never
/// served for another. Case is folded as lower() folds it in the database (an index on it: SQLite
/// folds ASCII letters only).
/// </summary>
public static class PostSlugs
{
    /// <summary>The longest slug a post may have (its column's length).</summary>
    public const int MaxLength = 200;

    /// <summary>
    /// The slug itself when free, else the first free one of slug-2, slug-3... (free in any case,
    /// trashed posts included; a slug near <see cref="MaxLength"/> is shortened to make room for its number).
    /// The editor and the import both take their slugs from here.
    /// </summary>
    public static async Task<string> UniqueAsync(this BlogDbContext db, string slug, int exceptPostId, CancellationToken cancellationToken)
    {
        var folded = Fold(slug);
        // What every numbered candidate starts with: the slug and its dash, or the part of a long
        // slug that numbers up to -9999 leave standing.
        var stem = slug.Length + 5 > MaxLength ? folded[..(MaxLength - 5)] : folded + "-";
        var taken = (await db.Posts
            .Where(p => p.Id != exceptPostId && (p.Slug.ToLower() == folded || p.Slug.ToLower().StartsWith(stem)))
            .Select(p => p.Slug)
            .ToListAsync(cancellationToken)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (!taken.Contains(slug))
            return slug;
        for (var n = 2; ; n++)
        {
            var suffix = "-" + n;
            var candidate = (slug.Length + suffix.Length > MaxLength ? slug[..(MaxLength - suffix.Length)] : slug) + suffix;
            if (!taken.Contains(candidate))
                return candidate;
        }
    }

    /// <summary>The post that already uses this slug in any case (trashed posts included: the slug is unique across all).</summary>
    public static Task<SlugOwner?> OwnerOfSlugAsync(this BlogDbContext db, string slug, int exceptPostId, CancellationToken cancellationToken)
    {
        var folded = Fold(slug);
        return db.Posts.AsNoTracking()
            .Where(p => p.Slug.ToLower() == folded && p.Id != exceptPostId)
            .Select(p => new SlugOwner(p.Id, p.Title, p.DeletedAt != null))
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// The stored form of a slug asked for in another case, or null. The first post wins when a
    /// database from before the rule holds two slugs differing only in case (each keeps its own URL).
    /// </summary>
    public static Task<string?> StoredSlugAsync(this IQueryable<Post> posts, string slug, CancellationToken cancellationToken)
    {
        var folded = Fold(slug);
        return posts.Where(p => p.Slug.ToLower() == folded).OrderBy(p => p.Id).Select(p => p.Slug).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Case folded as the database's lower() folds it, which its index holds.</summary>
    public static string Fold(string slug) => string.Create(slug.Length, slug, (chars, s) =>
    {
        for (var i = 0; i < s.Length; i++)
            chars[i] = char.IsAsciiLetterUpper(s[i]) ? (char)(s[i] | 0x20) : s[i];
    });
}

public sealed record SlugOwner(int Id, string Title, bool Trashed);
