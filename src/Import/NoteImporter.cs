using Blog.Content;
using Blog.Data;
using Blog.Media;
using Blog.Posts;
using Blog.Settings;
using Microsoft.EntityFrameworkCore;

namespace Blog.Import;

/// <summary>
/// Imports Markdown notes (Hexo, Hugo, Jekyll, Typora, Obsidian) as posts, with their images.
/// Each note is its own unit of work: it is saved with its images in one SaveChanges, or, when
/// anything about it is wrong, reported by name and left out entirely while the rest go on
/// (notes are committed in short batches, each note whole: see <see cref="ImportBatch"/>).
/// </summary>
public sealed class NoteImporter(
    BlogDbContext db,
    MediaStore media,
    MarkdownRenderer renderer,
    PostWriter writer,
    SiteSettingsStore settings,
    TimeProvider clock,
    ILogger<NoteImporter> logger)
{
    /// <summary>A note is text: anything bigger is almost surely not a note.</summary>
    internal const long MaxNoteBytes = 8L * 1024 * 1024;

    /// <summary>Imports a folder (recursively), a .zip, or one .md file.</summary>
    public async Task<ImportReport> ImportAsync(string path, bool dryRun = false, CancellationToken cancellationToken = default)
    {
        NoteSource source;
        try
        {
            source = NoteSource.Open(path);
        }
        catch (ImportException e)
        {
            return new ImportReport { Error = e.Reason };
        }
        using (source)
            return await ImportFromAsync(source, dryRun, cancellationToken);
    }

    /// <summary>Imports an uploaded .zip of notes; the stream is left open. <paramref name="name"/> names it in messages.</summary>
    public async Task<ImportReport> ImportZipAsync(Stream zip, string name = "The upload", bool dryRun = false, CancellationToken cancellationToken = default)
    {
        NoteSource source;
        try
        {
            source = new ZipNoteSource(zip, name, ownsStream: false);
        }
        catch (ImportException e)
        {
            return new ImportReport { Error = e.Reason };
        }
        using (source)
            return await ImportFromAsync(source, dryRun, cancellationToken);
    }

    /// <summary>Imports the notes of a source; a dry run reads, parses and checks everything and writes nothing.</summary>
    internal async Task<ImportReport> ImportFromAsync(NoteSource source, bool dryRun, CancellationToken cancellationToken)
    {
        var report = new ImportReport { DryRun = dryRun };
        report.Items.AddRange(source.Refused);
        if (source.NoteKeys.Count == 0 && source.Refused.Count == 0)
            report.Error = new("No Markdown notes (.md or .markdown files) were found.");

        var images = new NoteImages(source, media, db, settings.Current.UploadLimitBytes, dryRun);
        var links = await NoteLinks.LoadAsync(db, source, cancellationToken);
        await using var batch = new ImportBatch(db, clock);
        var taxonomy = new ImportTaxonomy(db, writer);
        try
        {
            await foreach (var note in new PreparedNotes(source, settings.Current, renderer).ReadAsync(cancellationToken))
            {
                cancellationToken.ThrowIfCancellationRequested();
                await batch.BeginNoteAsync(cancellationToken);
                var item = await ImportNoteAsync(note, images, links, taxonomy, dryRun, cancellationToken);
                report.Items.Add(item);
                var kept = item.Outcome != ImportOutcome.Failed;
                taxonomy.EndNote(kept);
                if (await batch.EndNoteAsync(kept, cancellationToken))
                    taxonomy.Forget();
            }
            await batch.CommitAsync(cancellationToken);
            if (!dryRun && report.Count(ImportOutcome.Imported) > 0)
                report.Linked.AddRange(await new LaterLinks(db, renderer).LinkAsync(source.Collection, links, cancellationToken));
        }
        catch (ImportException e)
        {
            report.Error = e.Reason;
            await batch.CommitAsync(CancellationToken.None); // the notes before it were imported
        }
        catch (OperationCanceledException)
        {
            // Stopped: the notes saved so far stay imported, as the report of them says.
            await batch.CommitAsync(CancellationToken.None);
            throw;
        }
        logger.LogInformation("Import: {Summary}{Error}", report.Summary, report.Error is null ? "" : "; " + report.Error);
        return report;
    }

    private async Task<ImportItem> ImportNoteAsync(PreparedNote prepared, NoteImages images, NoteLinks links, ImportTaxonomy taxonomy, bool dryRun,
        CancellationToken cancellationToken)
    {
        var key = prepared.Key;
        try
        {
            prepared.Failure?.Throw();
            var note = prepared.Note!;
            var edits = await images.FindAsync(note, prepared.Document, cancellationToken);
            var unresolved = new List<string>();
            if (prepared.Document is not null)
            {
                edits.AddRange(links.Find(note.Key, prepared.Document, note.Markdown, unresolved));
                note.Warnings.AddRange(NoteSlips.Find(prepared.Document));
            }
            foreach (var link in unresolved.Distinct())
                note.Warnings.Add(new("link {0} points to a note that is not imported (yet); it will point at its post once that note is imported", link));
            var markdown = ImageLinks.Rewrite(note.Markdown, edits);
            var rendered = markdown == note.Markdown && prepared.Rendered is { } asWritten ? asWritten : renderer.Render(markdown);
            var (outcome, post) = await ApplyAsync(note, links.SourceKeyOf(note.Key), markdown, rendered, taxonomy, cancellationToken);
            if (!dryRun)
            {
                // The one save of this note: its post, category, tags, revision and images together.
                // A skipped note may still bring images (a media row lost, its file back), saved too.
                await db.SaveChangesAsync(cancellationToken);
                images.Commit();
            }
            if (post is not null)
                links.Add(note.Key, post.Slug);
            return new ImportItem(key, outcome, note.Warnings, rendered.MathErrors,
                dryRun ? null : post?.Id);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            images.Discard();
            if (e is ImportException)
                throw;
            if (e is not (BadNoteException or InvalidDataException))
                logger.LogWarning(e, "Import of {Note} failed", key);
            return new ImportItem(key, ImportOutcome.Failed, e switch
            {
                BadNoteException or InvalidDataException => ImportMessage.Of(e),
                DbUpdateException => new ImportMessage("it could not be saved: {0}", (e.InnerException ?? e).Message),
                _ => new ImportMessage("it could not be imported: {0}", e.Message),
            });
        }
        finally
        {
            // One note, one unit of work: nothing tracked for it, saved or not, reaches the next note.
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>Finds the note's post, or creates it, and brings it up to date with <paramref name="markdown"/> as <paramref name="rendered"/>; nothing is saved here.</summary>
    private async Task<(ImportOutcome, Post?)> ApplyAsync(Note note, string sourceKey, string markdown, RenderedMarkdown rendered, ImportTaxonomy taxonomy,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var wantedSlug = note.Slug ?? Slugs.FromTitle(note.Title);

        // The same note again, by where it came from; else the post with its slug, when that post is
        // not another note's: one written in the editor, an export coming back, or this very note
        // imported from one folder level up or down (a zip of the folder has the folder's name on top).
        // Both in one statement, with every post whose slug is the wanted one in any case (whether
        // it is free); the tags only for a post found (most notes are new).
        var foldedSlug = PostSlugs.Fold(wantedSlug);
        var found = await db.Posts.Include(p => p.Category)
            .Where(p => p.SourceKey == sourceKey || p.Slug.ToLower() == foldedSlug).ToListAsync(cancellationToken);
        var post = found.FirstOrDefault(p => p.SourceKey == sourceKey);
        if (post is null && found.FirstOrDefault(p => p.Slug == wantedSlug) is { } bySlug
            && IsSameNote(bySlug.SourceKey, sourceKey))
        {
            post = bySlug;
            note.Warnings.Insert(0, bySlug.SourceKey is null
                ? new ImportMessage("it is the existing post /posts/{0}, which has the same slug", bySlug.Slug)
                : new ImportMessage("it is the post imported from {0}, which has the same slug", bySlug.SourceKey));
        }
        if (post is not null)
            await db.Entry(post).Collection(p => p.Tags).LoadAsync(cancellationToken);
        if (post?.DeletedAt is not null)
        {
            note.Warnings.Insert(0, new("its post is in the trash; restore it to import this note into it again"));
            return (ImportOutcome.Skipped, null);
        }

        var category = await taxonomy.CategoryAsync(note.Category, cancellationToken);
        var tags = await taxonomy.TagsAsync(PostTags.Clean(note.Tags), cancellationToken);
        // Without a date of its own, a note keeps the date it was first imported with: a checkout
        // or a copy changes file times, and that must not move posts around the archive.
        var publishedAt = note.Draft ? (DateTime?)null : note.Date ?? post?.PublishedAt ?? note.FileTime;
        var state = PostQueries.StateOf(note.Draft ? PostStatus.Draft : PostStatus.Published, publishedAt, null, now);

        ImportOutcome outcome;
        string slug;
        DateTime savedAt;
        if (post is null)
        {
            slug = found.Any(p => PostSlugs.Fold(p.Slug) == foldedSlug) ? await db.UniqueAsync(wantedSlug, exceptPostId: 0, cancellationToken) : wantedSlug;
            if (slug != wantedSlug)
                note.Warnings.Insert(0, new("the slug \"{0}\" belongs to another post, so this one is \"{1}\"", wantedSlug, slug));
            var created = Min(note.Date ?? note.FileTime, now);
            post = new Post(note.Title, slug, markdown, created) { SourceKey = sourceKey };
            savedAt = note.Updated ?? created;
            outcome = ImportOutcome.Imported;
        }
        else
        {
            // A slug given in the front matter moves the post there, unless another post has it.
            slug = note.Slug is { } given && given != post.Slug && given == await db.UniqueAsync(given, post.Id, cancellationToken)
                ? given : post.Slug;
            string[] changed =
            [
                post.Title == note.Title ? "" : "title",
                post.Markdown == markdown ? "" : "text",
                slug == post.Slug ? "" : "slug",
                (post.Summary ?? "") == (note.Summary ?? "") ? "" : "summary",
                post.Category == category ? "" : "category",
                post.Tags.Select(t => t.Slug).Order().SequenceEqual(tags.Select(t => t.Slug).Order()) ? "" : "tags",
                post.StateAt(now) == state ? "" : "status",
                SameSecond(post.PublishedAt, publishedAt) && (note.Updated is null || SameSecond(post.UpdatedAt, note.Updated)) ? "" : "dates",
                (post.LanguageChosen ? post.Language : null) == note.Language ? "" : "language",
            ];
            post.SourceKey ??= sourceKey; // a post matched by its slug is this note's from now on
            if (changed.All(c => c.Length == 0))
                return (ImportOutcome.Skipped, post);
            note.Warnings.Insert(0, new("changed: {0}", ImportMessage.List(changed.Where(c => c.Length > 0).Select(c => new ImportMessage(c) { Key = "changed " + c }))));

            // Text from elsewhere replaces the post, as a restored revision does: typing autosaved in
            // the editor since its last save is kept as a revision rather than lost.
            post.KeepUnsavedAutosave();
            post.SourceKey = sourceKey;
            savedAt = note.Updated ?? now;
            outcome = ImportOutcome.Updated;
        }

        // The editor's write path: text (the previous kept as a revision), slug (the old one
        // redirecting once it has been public), fields and tags; then publication; then the save.
        await writer.ApplyAsync(post, new PostEdit(note.Title, markdown, slug, note.Summary, category, tags, note.Language),
            now, cancellationToken);
        if (publishedAt is { } at)
            post.Schedule(at);
        else
            post.Unpublish(forgetDate: true);
        post.CompleteSave(rendered, savedAt);
        if (rendered.Error is { } error)
            note.Warnings.Add(new("imported as written, but {0}", char.ToLowerInvariant(error[0]) + error[1..]));
        if (rendered.MathErrors > 0)
            note.Warnings.Add(new(rendered.MathErrors == 1
                ? "{0} formula is invalid and shown as their source (first: {1})"
                : "{0} formulas are invalid and shown as their source (first: {1})", rendered.MathErrors, rendered.FirstMathError ?? ""));
        return (outcome, post);
    }

    private static bool IsSameNote(string? importedFrom, string key) =>
        importedFrom is null || importedFrom.EndsWith("/" + key, StringComparison.Ordinal) || key.EndsWith("/" + importedFrom, StringComparison.Ordinal);

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    /// <summary>Front matter holds times to the second; the post's own may have fractions (an export read back).</summary>
    private static bool SameSecond(DateTime? a, DateTime? b) =>
        a?.Ticks / TimeSpan.TicksPerSecond == b?.Ticks / TimeSpan.TicksPerSecond;
}
