using Blog.Content;
using Blog.Data;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Microsoft.EntityFrameworkCore;

namespace Blog.Import;

/// <summary>A piece of a note's text to write over: <paramref name="Length"/> characters from <paramref name="Start"/>.</summary>
internal sealed record TextEdit(int Start, int Length, string Text);

/// <summary>
/// Turns links between notes into links between posts: relative <c>.md</c> links
/// (<c>[第二章](../chapter2/chapter2.md)</c>, <c>[见上文](./note.md#小结)</c>, <c>%20</c> and Chinese
/// names) and Obsidian's <c>[[笔记名]]</c>, <c>[[笔记名|别名]]</c>, <c>[[笔记名#标题]]</c>, to
/// <c>/posts/{slug}#anchor</c>. Notes are looked up within one collection, among the posts imported
/// before and the notes of this import as they are saved; a link to a note not there yet is left
/// as written and reported, and <see cref="NoteImporter"/> links it when the note arrives.
/// </summary>
internal sealed class NoteLinks
{
    private readonly string _collection;
    private readonly Dictionary<string, string> _slugs = new(StringComparer.Ordinal); // note key -> slug
    private readonly Dictionary<string, List<string>> _byName = new(StringComparer.OrdinalIgnoreCase); // file name without extension -> note keys

    private NoteLinks(string collection) => _collection = collection;

    /// <summary>The collection's posts so far: one query per import.</summary>
    public static async Task<NoteLinks> LoadAsync(BlogDbContext db, NoteSource source, CancellationToken cancellationToken)
    {
        var links = new NoteLinks(source.Collection);
        var prefix = source.Collection + "/";
        var known = await db.Dialect.FromCollection(db.Posts.AsNoTracking(), source.Collection)
            .Where(p => p.DeletedAt == null)
            .Select(p => new { p.SourceKey, p.Slug })
            .ToListAsync(cancellationToken);
        foreach (var post in known)
            links.Add(post.SourceKey![prefix.Length..], post.Slug);
        foreach (var key in source.NoteKeys)
            links.Index(key);
        return links;
    }

    public string SourceKeyOf(string noteKey) => $"{_collection}/{noteKey}";

    public string? NoteKeyOf(string? sourceKey) =>
        sourceKey is not null && sourceKey.StartsWith(_collection + "/", StringComparison.Ordinal) ? sourceKey[(_collection.Length + 1)..] : null;

    /// <summary>A note's post, known from now on.</summary>
    public void Add(string noteKey, string slug)
    {
        _slugs[noteKey] = slug;
        Index(noteKey);
    }

    private void Index(string noteKey)
    {
        var name = Path.GetFileNameWithoutExtension(noteKey.Split('/')[^1]);
        if (!_byName.TryGetValue(name, out var keys))
            _byName[name] = keys = [];
        if (!keys.Contains(noteKey))
            keys.Add(noteKey);
    }

    /// <summary>The edits that point the note's links at posts; links to notes not imported go to <paramref name="unresolved"/>.</summary>
    public List<TextEdit> Find(string noteKey, MarkdownDocument document, string markdown, List<string> unresolved)
    {
        var edits = new List<TextEdit>();
        foreach (var link in document.Descendants<LinkInline>())
        {
            if (link.IsImage || link.IsAutoLink || link.Reference is not null || link.Url is not { Length: > 0 } url
                || link.UrlSpan.IsEmpty || !ImageLinks.IsLocal(url))
                continue;
            var hash = url.IndexOf('#');
            var path = hash < 0 ? url : url[..hash];
            if (!NoteSource.IsNoteName(Uri.UnescapeDataString(path)) || !SpanHolds(markdown, link.UrlSpan, url))
                continue;
            var target = ImageLinks.Resolve(noteKey, path).Keys.FirstOrDefault(k => k == noteKey || _slugs.ContainsKey(k));
            var fragment = hash < 0 ? null : Uri.UnescapeDataString(url[(hash + 1)..]);
            if (target is null)
                unresolved.Add(url);
            else
                edits.Add(new TextEdit(link.UrlSpan.Start, link.UrlSpan.Length, UrlOf(noteKey, target, fragment)));
        }
        foreach (var wiki in WikiLinks.Find(document, markdown).Where(w => !w.IsEmbed))
        {
            var target = wiki.Target.Length == 0 ? noteKey : ByName(noteKey, wiki.Target);
            if (target is null || target != noteKey && !_slugs.ContainsKey(target))
            {
                unresolved.Add($"[[{wiki.Target}]]");
                continue;
            }
            var text = wiki.Alias ?? (wiki.Heading is null ? wiki.Target : wiki.Target.Length == 0 ? wiki.Heading : $"{wiki.Target} > {wiki.Heading}");
            edits.Add(new TextEdit(wiki.Start, wiki.Length, $"[{Escape(text)}]({UrlOf(noteKey, target, wiki.Heading)})"));
        }
        return edits;
    }

    /// <summary>A note named as Obsidian names it: by file name anywhere in the collection (the note's own folder first), or by its path.</summary>
    private string? ByName(string noteKey, string name)
    {
        if (name.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
            name = name[..^3];
        var fileName = name.Split('/')[^1];
        if (!_byName.TryGetValue(fileName, out var keys))
            return null;
        var folder = noteKey.Contains('/') ? noteKey[..noteKey.LastIndexOf('/')] + "/" : "";
        return keys.FirstOrDefault(k => k.Equals(name + ".md", StringComparison.OrdinalIgnoreCase))
            ?? keys.FirstOrDefault(k => k.StartsWith(folder, StringComparison.Ordinal) && !k[folder.Length..].Contains('/'))
            ?? keys.OrderBy(k => k.Length).First();
    }

    private string UrlOf(string noteKey, string target, string? fragment)
    {
        var anchor = string.IsNullOrEmpty(fragment) ? "" : "#" + Slugs.Normalize(fragment, lowercase: true);
        if (target == noteKey && (anchor.Length > 0 || !_slugs.ContainsKey(target)))
            return anchor.Length > 0 ? anchor : "#";
        return $"/posts/{_slugs[target]}{anchor}";
    }

    private static bool SpanHolds(string markdown, SourceSpan span, string url)
    {
        if (span.Start < 0 || span.End >= markdown.Length)
            return false;
        var written = markdown.Substring(span.Start, span.Length);
        var bare = written.StartsWith('<') && written.EndsWith('>') ? written[1..^1] : written;
        return Markdig.Helpers.HtmlHelper.Unescape(bare) == url;
    }

    private static string Escape(string text) => text.Replace("[", "\\[").Replace("]", "\\]");
}
