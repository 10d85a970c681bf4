using System.Security.Cryptography;
using Blog.Data;
using Blog.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Blog.Media;

public sealed record StoredMedia(Data.Media Media, string Url, bool AlreadyStored);

/// <summary>
/// Stores images under names made from their SHA-256, so the same screenshot pasted or
/// imported twice is kept once, and no user-chosen name ever reaches the file system.
/// </summary>
public sealed class MediaStore(BlogDbContext db, IOptions<BlogOptions> options, TimeProvider clock, MediaCatalog catalog, VariantQueue variants)
{
    public const string UrlPrefix = Links.MediaPrefix;

    public string Folder { get; } = Path.GetFullPath(options.Value.MediaPath);

    /// <summary>Saves an image; null when the bytes are not a PNG, JPEG, GIF or WebP image.</summary>
    public async Task<StoredMedia?> SaveAsync(byte[] content, string originalName, CancellationToken cancellationToken = default)
    {
        var format = ImageFormats.Detect(content);
        if (format is null)
            return null;

        var hash = Convert.ToHexStringLower(SHA256.HashData(content));
        // Local first: the same image saved twice before SaveChanges (an import note that shows one
        // screenshot under two names) must not add two rows with one hash.
        var existing = db.Media.Local.FirstOrDefault(m => m.Sha256 == hash)
            ?? await db.Media.FirstOrDefaultAsync(m => m.Sha256 == hash, cancellationToken);
        if (existing is not null && File.Exists(PathOf(existing.FileName)))
        {
            if (existing.Width is null && ImageProbe.Of(content) is { } known)
                (existing.Width, existing.Height) = (known.Width, known.Height); // stored before sizes were kept
            catalog.Remember(existing);
            return new StoredMedia(existing, Links.Media(existing.FileName), AlreadyStored: true);
        }

        var media = existing ?? new Data.Media
        {
            FileName = hash[..32] + format.Extension,
            OriginalName = Path.GetFileName(originalName),
            ContentType = format.ContentType,
            Size = content.LongLength,
            Sha256 = hash,
            UploadedAt = clock.GetUtcNow().UtcDateTime,
        };
        if (media.Width is null && ImageProbe.Of(content) is { } size)
            (media.Width, media.Height) = (size.Width, size.Height);
        Directory.CreateDirectory(Folder);
        // Write to a temporary name first so a crash never leaves a half-written image under the real name.
        var temporary = PathOf(media.FileName) + ".tmp";
        await File.WriteAllBytesAsync(temporary, content, cancellationToken);
        File.Move(temporary, PathOf(media.FileName), overwrite: true);

        if (existing is null)
            db.Media.Add(media);
        catalog.Remember(media);
        variants.Enqueue(media.FileName);
        return new StoredMedia(media, Links.Media(media.FileName), AlreadyStored: false);
    }

    /// <summary>
    /// Deletes the row, then the file. A failure in between leaves a file without a row, which
    /// the same image's next upload reuses, never a row whose image is gone.
    /// </summary>
    public async Task DeleteAsync(Data.Media media, CancellationToken cancellationToken = default)
    {
        db.Media.Remove(media);
        await db.SaveChangesAsync(cancellationToken);
        if (FileOf(media.FileName) is { } path)
            File.Delete(path);
        DeleteVariants(media.FileName);
    }

    private void DeleteVariants(string fileName)
    {
        var folder = Path.Combine(Folder, ImageVariants.Folder);
        if (Directory.Exists(folder) && MediaFolder.StoredName().IsMatch(fileName))
        {
            foreach (var variant in Directory.EnumerateFiles(folder, Path.GetFileNameWithoutExtension(fileName) + "-*.webp"))
                File.Delete(variant);
        }
    }

    /// <summary>The stored file of a name taken from a /media/ URL or a row; null when it cannot be one of ours.</summary>
    public string? FileOf(string fileName) =>
        fileName.Length > 0 && Path.GetFileName(fileName) == fileName && !fileName.StartsWith('.')
            && File.Exists(PathOf(fileName)) ? PathOf(fileName) : null;

    private string PathOf(string fileName) => Path.Combine(Folder, fileName);
}
