using Blog.Content;

namespace Blog.Taxonomy;

/// <summary>The slug a category or tag gets from the name and slug fields of its form.</summary>
public static class SlugChoice
{
    /// <summary>
    /// The slug follows the name unless the author typed one: on a new item, a filled slug
    /// field wins; on a rename, a slug field still showing the current slug means "follow the
    /// new name", anything else was typed. An empty field always follows the name.
    /// </summary>
    public static (string Slug, bool FromName) Choose(string name, string? slugField, string fallback, string? currentName = null, string? currentSlug = null)
    {
        var given = string.IsNullOrWhiteSpace(slugField) ? "" : Slugs.Clean(slugField);
        var renamed = currentName is not null && !string.Equals(currentName, name, StringComparison.Ordinal);
        if (given.Length > 0 && !(renamed && given == currentSlug))
            return (given, false);
        return (Slugs.FromTitle(name, fallback), true);
    }
}
