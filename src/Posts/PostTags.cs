using Blog.Content;
using Blog.Data;
using Microsoft.EntityFrameworkCore;

namespace Blog.Posts;

public static class PostTags
{
    public const int MaxNameLength = 100;

    // A Chinese keyboard types '，' and '、' where an English one types ',': all three separate tags.
    private static readonly char[] Separators = [',', '，', '、', ';', '；'];

    /// <summary>Tag names as the author typed them, trimmed, without empty or repeated ones.</summary>
    public static IReadOnlyList<string> ParseNames(string? input) =>
        (input ?? "").Split(Separators, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(name => name.Length > MaxNameLength ? name[..MaxNameLength].Trim() : name)
            .DistinctBy(name => name.ToLowerInvariant())
            .ToList();

    public static string Format(IEnumerable<string> names) => string.Join(", ", names);

    /// <summary>
    /// The tag names of these posts, alphabetical, by post id (an empty list for a post without
    /// tags). Asked apart from the posts: as a collection inside a list query, EF joins the list
    /// to a subquery of every tag link of the site, which SQLite materializes (0.3–0.6 s at 100,000 posts).
    /// </summary>
    public static async Task<Dictionary<int, List<string>>> NamesByPostAsync(this BlogDbContext db, IReadOnlyCollection<int> postIds,
        CancellationToken cancellationToken)
    {
        var links = await db.Posts.Where(p => postIds.Contains(p.Id))
            .SelectMany(p => p.Tags, (p, t) => new { PostId = p.Id, t.Name })
            .ToListAsync(cancellationToken);
        return postIds.ToDictionary(id => id,
            id => links.Where(l => l.PostId == id).Select(l => l.Name).Order(StringComparer.Ordinal).ToList());
    }

    /// <summary>
    /// The tags for these names: an existing tag of the same name (any case) or slug is reused,
    /// others are created on the fly. A new tag whose slug another tag already has ("C" and "C++"
    /// both slug to "c") gets a numbered slug instead of being merged into the other tag.
    /// </summary>
    public static async Task<List<Tag>> ResolveAsync(this BlogDbContext db, IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        var nameList = names.ToArray();
        var slugs = names.Select(n => Slugs.FromTitle(n, "tag")).ToArray();
        var candidates = await db.Tags.Where(t => nameList.Contains(t.Name) || slugs.Contains(t.Slug)).ToListAsync(cancellationToken);
        var tags = new List<Tag>();
        for (var i = 0; i < names.Count; i++)
        {
            var name = names[i];
            var tag = candidates.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase))
                ?? await db.Tags.FirstOrDefaultAsync(t => t.Name.ToLower() == name.ToLower(), cancellationToken)
                ?? candidates.FirstOrDefault(t => t.Slug == slugs[i] && SameWords(t.Name, name));
            if (tag is null)
            {
                tag = new Tag { Name = name, Slug = await UniqueSlugAsync(db, slugs[i], candidates, cancellationToken) };
                db.Tags.Add(tag);
                candidates.Add(tag);
            }
            if (!tags.Contains(tag))
                tags.Add(tag);
        }
        return tags;
    }

    /// <summary>"Machine Learning" and "machine-learning" are one tag; "C" and "C++" are not.</summary>
    private static bool SameWords(string a, string b) =>
        Slugs.Normalize(a, lowercase: true) == Slugs.Normalize(b, lowercase: true) && Letters(a) == Letters(b);

    private static string Letters(string s) => new(s.Where(c => !char.IsWhiteSpace(c) && c != '-' && c != '_').Select(char.ToLowerInvariant).ToArray());

    private static async Task<string> UniqueSlugAsync(BlogDbContext db, string slug, List<Tag> known, CancellationToken cancellationToken)
    {
        for (var n = 1; ; n++)
        {
            var candidate = n == 1 ? slug : $"{slug}-{n}";
            if (known.All(t => t.Slug != candidate) && !await db.Tags.AnyAsync(t => t.Slug == candidate, cancellationToken))
                return candidate;
        }
    }
}
