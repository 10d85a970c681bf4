using System.IO.Compression;
using System.Text;
using Blog.Content;
using Blog.Data;
using Blog.Import;
using Blog.Media;
using Blog.Settings;
using Markdig.Syntax;
using Microsoft.EntityFrameworkCore;

namespace Blog.Export;

public sealed record ExportedNote(string File, bool Draft);

/// <summary>What an export wrote, for the command to print and the admin to log.</summary>
public sealed record ExportResult(IReadOnlyList<ExportedNote> Notes, int Images, IReadOnlyList<string> Warnings)
{
    public int Drafts => Notes.Count(n => n.Draft);

    public string Summary =>
        $"{Notes.Count} {(Notes.Count == 1 ? "post" : "posts")} ({Drafts} {(Drafts == 1 ? "draft" : "drafts")}) "
        + $"and {Images} {(Images == 1 ? "image" : "images")}";
}

/// <summary>
/// Writes every post that is not in the trash (drafts and scheduled posts included) as a
/// Markdown note with front matter, and the images its Markdown shows under <c>images/</c>, links
/// rewritten to those relative paths: the format <see cref="NoteImporter"/> reads, so that
/// importing the zip into an empty site gives the same posts back.
/// </summary>
public sealed class NoteExporter(
    BlogDbContext db,
    MediaStore media,
    MarkdownRenderer renderer,
    SiteSettingsStore settings,
    ILogger<NoteExporter> logger)
{
    public const string ImageFolder = "images/";

    /// <summary>Writes the zip to <paramref name="output"/>, which is left open.</summary>
    public async Task<ExportResult> ExportAsync(Stream output, CancellationToken cancellationToken = default)
    {
        var site = settings.Current;
        var posts = await db.Posts.AsNoTracking()
            .Where(p => p.DeletedAt == null)
            .OrderBy(p => p.PublishedAt ?? p.CreatedAt).ThenBy(p => p.Id)
            .Select(p => new
            {
                p.Id, p.Title, p.Slug, p.Markdown, p.Summary, p.Status, p.PublishedAt, p.CreatedAt, p.UpdatedAt, p.SourceKey, p.Language, p.LanguageChosen,
                Category = p.Category == null ? null : p.Category.Name,
                Tags = p.Tags.OrderBy(t => t.Name).Select(t => t.Name).ToList(),
            })
            .ToListAsync(cancellationToken);

        var notes = new List<ExportedNote>();
        var warnings = new List<string>();
        var names = new NoteFileNames();
        var imagesWritten = new HashSet<string>(StringComparer.Ordinal);
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8))
        {
            foreach (var post in posts)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var file = names.For(post.Id, post.Slug, post.SourceKey);
                var draft = post.Status == PostStatus.Draft;
                var (markdown, images) = RewriteImages(file, post.Markdown, warnings);
                var frontMatter = ExportFrontMatter.Write(new ExportedPost(
                    post.Title, post.Slug,
                    Date: draft ? post.CreatedAt : post.PublishedAt ?? post.CreatedAt,
                    Updated: post.UpdatedAt,
                    post.Category, post.Tags, draft, post.Summary, post.Language, post.LanguageChosen), site.TimeZoneInfo);

                var entry = zip.CreateEntry(file, CompressionLevel.Optimal);
                entry.LastWriteTime = ZipTime(post.UpdatedAt, site);
                await using (var stream = entry.Open())
                    await stream.WriteAsync(new UTF8Encoding(false).GetBytes(frontMatter + "\n" + markdown), cancellationToken);
                notes.Add(new ExportedNote(file, draft));

                foreach (var (name, path) in images.Where(i => imagesWritten.Add(i.Name)))
                    await WriteImageAsync(zip, name, path, cancellationToken);
            }
        }

        var result = new ExportResult(notes, imagesWritten.Count, warnings);
        foreach (var warning in warnings)
            logger.LogWarning("Export: {Warning}", warning);
        logger.LogInformation("Export: {Summary}", result.Summary);
        return result;
    }

    /// <summary>The Markdown with its /media/ links pointing at images/ beside the notes, and the files to include.</summary>
    private (string Markdown, List<(string Name, string Path)> Images) RewriteImages(string file, string markdown, List<string> warnings)
    {
        var images = new List<(string, string)>();
        if (renderer.TryParse(markdown) is not { } document)
        {
            warnings.Add($"{file}: too long, too complex or nested too deeply to look for its images; written as it is, without them");
            return (markdown, images);
        }

        // From a note in a folder (its import path kept), images/ is as many levels up.
        var up = string.Concat(Enumerable.Repeat("../", file.Count(c => c == '/')));
        var replacements = new List<TextEdit>();
        foreach (var link in ImageLinks.Find(document, markdown))
        {
            if (!link.Url.StartsWith(MediaStore.UrlPrefix, StringComparison.Ordinal))
                continue; // a relative path the note kept as written: nothing of ours to include
            var name = link.Url[MediaStore.UrlPrefix.Length..].Split('?', '#')[0];
            if (media.FileOf(name) is not { } path)
            {
                warnings.Add($"{file}: {link.Url} is not in the media folder, so it is not in the export; the link was left as written");
                continue;
            }
            images.Add((name, path));
            replacements.Add(new TextEdit(link.Start, link.Length, up + ImageFolder + name));
        }
        return (ImageLinks.Rewrite(markdown, replacements), images);
    }

    private static async Task WriteImageAsync(ZipArchive zip, string name, string path, CancellationToken cancellationToken)
    {
        // PNG, JPEG, GIF and WebP are compressed already.
        var entry = zip.CreateEntry(ImageFolder + name, CompressionLevel.NoCompression);
        entry.LastWriteTime = File.GetLastWriteTime(path);
        await using var source = File.OpenRead(path);
        await using var target = entry.Open();
        await source.CopyToAsync(target, cancellationToken);
    }

    /// <summary>Zip entries keep wall-clock time without a zone: the site's, as the importer reads it back.</summary>
    private static DateTimeOffset ZipTime(DateTime utc, SiteSettings site)
    {
        var local = site.ToLocal(utc);
        return local.Year is < 1980 or > 2107 ? new DateTimeOffset(1980, 1, 1, 0, 0, 0, TimeSpan.Zero) : new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), TimeSpan.Zero);
    }
}
