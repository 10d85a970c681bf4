using System.Text;
using Blog.Import;

namespace Blog.Export;

/// <summary>
/// Chooses each post's file in the export. A post that came from an import keeps the path it
/// came from, so importing the export into the same site matches its posts instead of adding
/// copies; others are named after their slug. Names are made safe to unpack on Windows and
/// macOS too, and unique even where file names ignore case.
/// </summary>
internal sealed class NoteFileNames
{
    // Most file systems cap a name at 255 bytes; CJK takes three bytes a character in UTF-8.
    private const int MaxNameBytes = 200;

    private static readonly char[] Unsafe = ['<', '>', ':', '"', '|', '?', '*', '\\', '/', '#', '%'];

    private readonly HashSet<string> _taken = new(StringComparer.OrdinalIgnoreCase);

    public string For(int postId, string slug, string? sourceKey)
    {
        var path = sourceKey is not null && IsUsable(sourceKey) ? sourceKey : Safe(slug, postId) + ".md";
        if (!_taken.Add(path))
        {
            var extension = Path.GetExtension(path);
            path = $"{path[..^extension.Length]}-{postId}{extension}";
            _taken.Add(path);
        }
        return path;
    }

    /// <summary>A relative note path the importer would read back under the same key.</summary>
    private static bool IsUsable(string key)
    {
        var segments = key.Split('/');
        return ZipNoteSource.Normalize(key) == key
            && NoteSource.IsNoteName(key)
            && !segments.Any(NoteSource.IsSkippedName)
            && segments.All(s => Safe(s, 0) == s)
            && !key.StartsWith("images/", StringComparison.OrdinalIgnoreCase);
    }

    private static string Safe(string name, int postId)
    {
        var safe = new StringBuilder(name.Length);
        var bytes = 0;
        foreach (var rune in name.EnumerateRunes())
        {
            bytes += rune.Utf8SequenceLength;
            if (bytes > MaxNameBytes)
                break;
            if (Rune.IsControl(rune) || (rune.IsAscii && Unsafe.Contains((char)rune.Value)))
                safe.Append('-');
            else
                safe.Append(rune.ToString());
        }
        // A leading dot hides the file (and the importer skips it); Windows drops trailing dots and spaces.
        var result = safe.ToString().TrimStart('.').TrimEnd('.', ' ');
        return result.Length == 0 ? $"post-{postId}" : result;
    }
}
