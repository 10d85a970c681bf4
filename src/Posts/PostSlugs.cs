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
        // Candidates are asked for by their exact folded slugs, a few dozen at a time, each found
        // through the index on lower(Slug). Asked as a prefix (LIKE 'slug-%'), SQLite read every
        // slug of the blog: an import grew slower with each post it added.
        const int Batch = 50;
        for (var first = 1; ; first += Batch)
        {
            var candidates = Enumerable.Range(first, Batch).Select(n => n == 1 ? slug : Numbered(slug, n)).ToList();
            var folded = candidates.Select(Fold).ToList();
            var taken = (await db.Posts
                .Where(p => p.Id != exceptPostId && folded.Contains(p.Slug.ToLower()))
                .Select(p => p.Slug)
                .ToListAsync(cancellationToken)).ToHashSet(StringComparer.OrdinalIgnoreCase);
            if (candidates.FirstOrDefault(candidate => !taken.Contains(candidate)) is { } free)
                return free;
        }
    }

    /// <summary>slug-n, the slug shortened when it would pass <see cref="MaxLength"/>.</summary>
    private static string Numbered(string slug, int n)
    {
        var suffix = "-" + n;
        return (slug.Length + suffix.Length > MaxLength ? slug[..(MaxLength - suffix.Length)] : slug) + suffix;
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
