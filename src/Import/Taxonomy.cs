using Blog.Content;
using Blog.Data;
using Microsoft.EntityFrameworkCore;

namespace Blog.Import;

/// <summary>Finds or creates the categories and tags notes name.</summary>
internal sealed class Taxonomy(BlogDbContext db)
{
    /// <summary>An existing category with this name (any case) or slug, or a new one.</summary>
    public async Task<Category?> CategoryAsync(string? name, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(name))
            return null;
        name = name.Trim();
        var slug = Slugs.FromTitle(name, "category");
        var lower = name.ToLowerInvariant();
        var category = await db.Categories.FirstOrDefaultAsync(c => c.Name.ToLower() == lower || c.Slug == slug, cancellationToken);
        if (category is not null)
            return category;

        var order = await db.Categories.MaxAsync(c => (int?)c.Order, cancellationToken) ?? 0;
        category = new Category { Name = name, Slug = slug, Order = order + 1 };
        db.Categories.Add(category);
        return category;
    }

    /// <summary>Existing tags by name (any case) or slug, new ones for the rest; one per slug.</summary>
    public async Task<List<Tag>> TagsAsync(IEnumerable<string> names, CancellationToken cancellationToken)
    {
        var tags = new List<Tag>();
        foreach (var name in names.Select(n => n.Trim()).Where(n => n.Length > 0))
        {
            var slug = Slugs.FromTitle(name, "tag");
            if (tags.Any(t => t.Slug == slug))
                continue;
            var lower = name.ToLowerInvariant();
            var tag = await db.Tags.FirstOrDefaultAsync(t => t.Name.ToLower() == lower || t.Slug == slug, cancellationToken);
            if (tag is null)
            {
                tag = new Tag { Name = name, Slug = slug };
                db.Tags.Add(tag);
            }
            if (tags.All(t => t != tag))
                tags.Add(tag);
        }
        return tags;
    }
}
