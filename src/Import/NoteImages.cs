using Blog.Content;
using Blog.Data;
using Blog.Media;
using Markdig.Syntax;
using Microsoft.EntityFrameworkCore;

namespace Blog.Import;

/// <summary>
/// Stores the images one import's notes reference and rewrites the links to their /media/ URLs.
/// Lives for one import: an image shared by many notes is read once, and the images a failed note
/// added are taken back with it.
/// </summary>
internal sealed class NoteImages(NoteSource source, MediaStore media, BlogDbContext db, long maxImageBytes, bool dryRun = false)
{
    private readonly Dictionary<string, string> _saved = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _pending = new(StringComparer.Ordinal);
    private readonly List<Data.Media> _added = [];

    /// <summary>
    /// The note's Markdown with its local image links pointing at stored media; problems go to its
    /// warnings. <paramref name="document"/> is the Markdown parsed, or null when it was too long,
    /// too complex or nested too deeply to parse: then it is kept as written, the renderer says why.
    /// </summary>
    public async Task<List<TextEdit>> FindAsync(Note note, MarkdownDocument? document, CancellationToken cancellationToken)
    {
        var edits = new List<TextEdit>();
        if (document is null)
            return edits;

        foreach (var link in ImageLinks.Find(document, note.Markdown))
        {
            var target = ImageLinks.Resolve(note.Key, link.Url);
            var (url, problem) = target.Problem is null ? await StoreAsync(target, cancellationToken) : (null, target.Problem);
            if (url is not null)
                edits.Add(new TextEdit(link.Start, link.Length, url));
            else if (problem is not null)
                note.Warnings.Add(new("image {0} {1}; the link was left as written", link.Url, problem));
        }
        foreach (var embed in WikiLinks.Find(document, note.Markdown).Where(w => w.IsEmbed))
        {
            // Obsidian finds ![[name.png]] anywhere in the vault, the note's own folder first.
            var keys = FindByName(note.Key, embed.Target);
            var (url, _) = keys.Count > 0 ? await StoreAsync(new LinkTarget(keys), cancellationToken) : (null, null);
            if (url is null)
            {
                if (ImageLinks.LooksLikeImage(embed.Target))
                    note.Warnings.Add(new("image {0} was not found in the import; the embed was left as written", embed.Target));
                continue;
            }
            var width = embed.Alias?.Split('x')[0] is { } w && int.TryParse(w, out var pixels) && pixels > 0 ? pixels : 0;
            var name = System.Net.WebUtility.HtmlEncode(Path.GetFileNameWithoutExtension(embed.Target));
            edits.Add(new TextEdit(embed.Start, embed.Length, width > 0
                ? $"<img src=\"{url}\" alt=\"{name}\" width=\"{width}\">"
                : $"![{name}]({url})"));
        }
        return edits;
    }

    private List<string> FindByName(string noteKey, string name)
    {
        var direct = ImageLinks.Resolve(noteKey, name).Keys.ToList();
        var fileName = name.Replace('\\', '/').Split('/')[^1];
        var folder = noteKey.Contains('/') ? noteKey[..noteKey.LastIndexOf('/')] + "/" : "";
        var anywhere = source.AllKeys.Where(k => k.Split('/')[^1].Equals(fileName, StringComparison.OrdinalIgnoreCase))
            .OrderBy(k => k.StartsWith(folder, StringComparison.Ordinal) ? 0 : 1).ThenBy(k => k.Length);
        return direct.Concat(anywhere).Distinct().ToList();
    }

    /// <summary>The note was saved: its images are known for the notes after it.</summary>
    public void Commit()
    {
        foreach (var (key, url) in _pending)
            _saved[key] = url;
        _pending.Clear();
        _added.Clear();
    }

    /// <summary>The note failed: remove the image files it wrote, whose rows are never saved.</summary>
    public void Discard()
    {
        foreach (var added in _added)
        {
            try
            {
                File.Delete(Path.Combine(media.Folder, added.FileName));
            }
            catch (IOException)
            {
                // Left behind, the file is harmless: its content-hash name is reused by the next import.
            }
        }
        _pending.Clear();
        _added.Clear();
    }

    private async Task<(string? Url, ImportMessage? Problem)> StoreAsync(LinkTarget target, CancellationToken cancellationToken)
    {
        foreach (var key in target.Keys)
        {
            if (_saved.TryGetValue(key, out var known) || _pending.TryGetValue(key, out known))
                return (known, null);

            SourceFile? file;
            try
            {
                file = await source.ReadAsync(key, maxImageBytes, cancellationToken);
            }
            catch (Exception e) when (e is BadNoteException or InvalidDataException)
            {
                return (null, new("was not imported: {0}", ImportMessage.Of(e))); // too large, or a damaged zip entry
            }
            if (file is null)
                continue;
            if (dryRun)
                return (Links.Media(key.Split('/')[^1]), null); // found; a dry run stores nothing

            var stored = await media.SaveAsync(file.Content, key.Split('/')[^1], cancellationToken);
            if (stored is null)
                return (null, new("is not a PNG, JPEG, GIF or WebP image"));
            if (db.Entry(stored.Media).State == EntityState.Added)
                _added.Add(stored.Media);
            _pending[key] = stored.Url;
            return (stored.Url, null);
        }
        return (null, target.QuietIfMissing ? null : new("was not found in the import"));
    }
}
