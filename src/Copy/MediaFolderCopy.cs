using System.Security.Cryptography;

namespace Blog.Copy;

internal sealed record StoredImage(string FileName, string Sha256);

/// <param name="From">The media folder the rows' files are in (the SQLite site's Blog__MediaPath).</param>
/// <param name="To">Where they were copied; null when they were left where they are.</param>
/// <param name="Copied">Files written to <paramref name="To"/>.</param>
/// <param name="AlreadyThere">Files <paramref name="To"/> held already, with the same content.</param>
/// <param name="Missing">Rows whose file is not in <paramref name="From"/> (the SQLite site does not show them either).</param>
public sealed record MediaCopyReport(string From, string? To, int Images, int Copied, int AlreadyThere, IReadOnlyList<string> Missing);

/// <summary>
/// The images are files, not rows: the media rows of the copy point at names in a folder. With
/// no target folder they stay where they are (the PostgreSQL site serves the same folder); with
/// one, each row's file is copied there, checked against its hash, under a temporary name first.
/// Run before the database transaction, so a full disk stops the copy before the target has rows;
/// files already copied are named by their content, so running again reuses them.
/// </summary>
internal static class MediaFolderCopy
{
    public static async Task<MediaCopyReport> CopyAsync(IReadOnlyList<StoredImage> images, string from, string? to, CancellationToken cancellationToken)
    {
        from = Path.GetFullPath(from);
        to = to is null ? null : Path.GetFullPath(to);
        var missing = images.Where(i => !IsPlainName(i.FileName) || !File.Exists(Path.Combine(from, i.FileName))).Select(i => i.FileName).ToList();
        if (to is null || string.Equals(from.TrimEnd(Path.DirectorySeparatorChar), to.TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal))
            return new MediaCopyReport(from, to, images.Count, 0, to is null ? 0 : images.Count - missing.Count, missing);

        Directory.CreateDirectory(to);
        int copied = 0, alreadyThere = 0;
        foreach (var image in images.Where(i => !missing.Contains(i.FileName)))
        {
            var destination = Path.Combine(to, image.FileName);
            if (File.Exists(destination) && await HashOfAsync(destination, cancellationToken) == image.Sha256)
            {
                alreadyThere++;
                continue;
            }
            var temporary = destination + ".tmp";
            File.Copy(Path.Combine(from, image.FileName), temporary, overwrite: true);
            File.Move(temporary, destination, overwrite: true);
            copied++;
        }
        return new MediaCopyReport(from, to, images.Count, copied, alreadyThere, missing);
    }

    /// <summary>The site writes bare file names; anything else in a row is not followed out of the folder.</summary>
    private static bool IsPlainName(string fileName) =>
        fileName.Length > 0 && Path.GetFileName(fileName) == fileName && !fileName.StartsWith('.');

    private static async Task<string> HashOfAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken));
    }
}
