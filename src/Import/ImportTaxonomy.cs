using Blog.Data;
using Blog.Posts;

namespace Blog.Import;

/// <summary>
/// The categories and tags of an import's notes, remembered from one note to the next: the notes
/// of a collection share a few, and asking the database for them cost two queries a note. Only
/// what a kept note found or made is remembered (a note taken back takes the ones it made with it),
/// and everything is forgotten when a batch commits: between batches another writer may rename or
/// delete them. A remembered one comes back as the instance the note already tracks (its post's
/// own category or tags), else as a fresh copy attached unchanged: each note's entities are cleared
/// after it, and a copy kept from one note would carry that note's post into the next.
/// </summary>
internal sealed class ImportTaxonomy(BlogDbContext db, PostWriter writer)
{
    private readonly Dictionary<string, Category> _categories = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Tag> _tags = new(StringComparer.Ordinal);
    private (string Name, Category Category)? _noteCategory;
    private readonly List<(string Name, Tag Tag)> _noteTags = [];

    /// <summary>As <see cref="PostWriter.CategoryAsync"/>.</summary>
    public async Task<Category?> CategoryAsync(string? name, CancellationToken cancellationToken)
    {
        if (name is not null && _categories.TryGetValue(name, out var known))
            return db.Categories.Local.FindEntry(known.Id)?.Entity ?? db.Attach(Copy(known)).Entity;
        var category = await writer.CategoryAsync(name, cancellationToken);
        if (name is not null && category is not null)
            _noteCategory = (name, category);
        return category;
    }

    /// <summary>As <see cref="PostWriter.TagsAsync"/>.</summary>
    public async Task<List<Tag>> TagsAsync(IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        if (names.All(_tags.ContainsKey))
            return names.Select(name => _tags[name]).Select(known => db.Tags.Local.FindEntry(known.Id)?.Entity ?? db.Attach(Copy(known)).Entity).Distinct().ToList();
        var tags = await writer.TagForEachAsync(names, cancellationToken);
        for (var i = 0; i < names.Count; i++)
            _noteTags.Add((names[i], tags[i]));
        return tags.Distinct().ToList();
    }

    /// <summary>After each note: what it found or made is remembered if it was kept and saved (a dry run saves nothing).</summary>
    public void EndNote(bool kept)
    {
        if (kept)
        {
            if (_noteCategory is ({ } name, { Id: > 0 } category))
                _categories[name] = Copy(category);
            foreach (var (tagName, tag) in _noteTags.Where(t => t.Tag.Id > 0))
                _tags[tagName] = Copy(tag);
        }
        _noteCategory = null;
        _noteTags.Clear();
    }

    /// <summary>When a batch commits.</summary>
    public void Forget()
    {
        _categories.Clear();
        _tags.Clear();
    }

    private static Category Copy(Category c) => new() { Id = c.Id, Name = c.Name, Slug = c.Slug, Description = c.Description, Order = c.Order };

    private static Tag Copy(Tag t) => new() { Id = t.Id, Name = t.Name, Slug = t.Slug };
}
