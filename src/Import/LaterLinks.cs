using Blog.Content;
using Blog.Data;
using Blog.Posts;
using Microsoft.EntityFrameworkCore;

namespace Blog.Import;

/// <summary>
/// After an import brought new notes: the collection's posts whose links to notes were left as
/// written (their notes were not there yet, or came later in the same import) now point at the posts.
/// </summary>
internal sealed class LaterLinks(BlogDbContext db, MarkdownRenderer renderer)
{
    /// <summary>Links what it can and saves; returns the notes it changed.</summary>
    public async Task<List<string>> LinkAsync(string collection, NoteLinks links, CancellationToken cancellationToken)
    {
        var posts = await db.Dialect.FromCollection(db.Posts, collection)
            .Where(p => p.DeletedAt == null
                && (p.Markdown.Contains(".md") || p.Markdown.Contains(".markdown") || p.Markdown.Contains("[[")))
            .ToListAsync(cancellationToken);
        var linked = new List<string>();
        foreach (var post in posts)
        {
            var noteKey = links.NoteKeyOf(post.SourceKey)!;
            if (renderer.TryParse(post.Markdown) is not { } document)
                continue;
            var edits = links.Find(noteKey, document, post.Markdown, []);
            if (edits.Count == 0)
                continue;
            var markdown = ImageLinks.Rewrite(post.Markdown, edits);
            post.RewriteMarkdown(markdown, renderer.Render(markdown));
            linked.Add(noteKey);
        }
        if (linked.Count > 0)
            await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return linked;
    }
}
