using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using Blog.Content;
using Blog.Settings;
using Markdig.Syntax;

namespace Blog.Import;

/// <summary>A note read, parsed and rendered as written, or why it could not be read.</summary>
internal sealed record PreparedNote(string Key, Note? Note, MarkdownDocument? Document, RenderedMarkdown? Rendered, ExceptionDispatchInfo? Failure);

/// <summary>
/// An import's notes, parsed and rendered a few ahead on other threads while the importer saves
/// the one before. The saves go one at a time through the database; parsing and rendering, a
/// third of the time per note, need not wait for them and take the machine's other core.
/// </summary>
internal sealed class PreparedNotes(NoteSource source, SiteSettings settings, MarkdownRenderer renderer)
{
    private const int Ahead = 2;

    /// <summary>The notes in the source's order.</summary>
    public async IAsyncEnumerable<PreparedNote> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var keys = source.NoteKeys;
        var pending = new Queue<Task<PreparedNote>>();
        var next = 0;
        try
        {
            while (true)
            {
                while (pending.Count < Ahead && next < keys.Count)
                {
                    var key = keys[next++];
                    // Read here, in the source's order and never beside another read of it (a zip's
                    // entries share one stream; the importer reads images between these reads).
                    var (file, failure) = await ReadNoteAsync(key, cancellationToken);
                    pending.Enqueue(Task.Run(() => Prepare(key, file, failure), cancellationToken));
                }
                if (pending.Count == 0)
                    yield break;
                yield return await pending.Dequeue();
            }
        }
        finally
        {
            // The import ended early (an error that stops it, or a cancel): what is being parsed
            // ahead ends before the importer does.
            foreach (var task in pending)
            {
                try { await task; }
                catch (OperationCanceledException) { }
            }
        }
    }

    private async Task<(SourceFile? File, ExceptionDispatchInfo? Failure)> ReadNoteAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            return (await source.ReadAsync(key, NoteImporter.MaxNoteBytes, cancellationToken)
                ?? throw new BadNoteException(new("it could no longer be found")), null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return (null, ExceptionDispatchInfo.Capture(e));
        }
    }

    private PreparedNote Prepare(string key, SourceFile? file, ExceptionDispatchInfo? failure)
    {
        if (failure is not null)
            return new PreparedNote(key, null, null, null, failure);
        try
        {
            var note = NoteReader.Read(key, file!, settings, renderer, source.Collection);
            // Most notes' image links need no rewriting: this render is then the one saved.
            return new PreparedNote(key, note, renderer.TryParse(note.Markdown), renderer.Render(note.Markdown), null);
        }
        catch (Exception e)
        {
            return new PreparedNote(key, null, null, null, ExceptionDispatchInfo.Capture(e));
        }
    }
}
