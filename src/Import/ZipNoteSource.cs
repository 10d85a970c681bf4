using System.IO.Compression;

namespace Blog.Import;

/// <summary>
/// Notes inside a zip (the admin's upload, or a .zip given to the command). An uploaded archive
/// is untrusted: entries whose names try to leave the archive are refused, and the entry count and
/// the bytes actually inflated are capped, because a header's declared size can lie.
/// </summary>
internal sealed class ZipNoteSource : NoteSource
{
    public const int DefaultMaxEntries = 10_000;
    public const long DefaultMaxInflatedBytes = 200L * 1024 * 1024;

    private readonly Stream _stream;
    private readonly bool _ownsStream;
    private readonly ZipArchive _zip;
    private readonly long _maxInflatedBytes;
    private readonly Dictionary<string, ZipArchiveEntry> _entries = new(StringComparer.Ordinal);
    // Notes written on Windows or macOS often differ from their image names only in case.
    private readonly Dictionary<string, ZipArchiveEntry> _entriesAnyCase = new(StringComparer.OrdinalIgnoreCase);
    private long _inflated;

    public ZipNoteSource(Stream stream, string name, bool ownsStream,
        int maxEntries = DefaultMaxEntries, long maxInflatedBytes = DefaultMaxInflatedBytes)
    {
        _stream = stream;
        _ownsStream = ownsStream;
        _maxInflatedBytes = maxInflatedBytes;
        try
        {
            _zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            if (_zip.Entries.Count > maxEntries)
                throw new ImportException(new("{0} has {1:N0} entries, more than the {2:N0} an import accepts; split it into smaller archives.", name, _zip.Entries.Count, maxEntries));
        }
        // A few bytes that are no zip make the archive seek before the stream's start: an upload's
        // stream refuses that with ArgumentOutOfRangeException, a file with IOException.
        catch (Exception e) when (e is InvalidDataException or IOException or ArgumentOutOfRangeException)
        {
            Dispose();
            throw new ImportException(new("{0} is not a readable .zip archive.", name));
        }
        catch (ImportException)
        {
            Dispose();
            throw;
        }

        foreach (var entry in _zip.Entries)
        {
            var key = Normalize(entry.FullName);
            if (key is null)
            {
                Refused.Add(new ImportItem(entry.FullName, ImportOutcome.Failed,
                    new ImportMessage("refused: its path would leave the archive (a .. segment, an absolute path or a drive letter)")));
                continue;
            }
            if (key.Length == 0 || entry.FullName.EndsWith('/') || entry.FullName.EndsWith('\\'))
                continue; // a folder entry
            _entries.TryAdd(key, entry);
            _entriesAnyCase.TryAdd(key, entry);
        }

        Collection = Path.GetFileNameWithoutExtension(name.Trim('“', '”', '"')) is { Length: > 0 } collection ? collection : "notes";
        NoteKeys = WithoutNavigationFiles(_entries.Keys
            .Where(key => key.Split('/') is var segments && IsNoteName(segments[^1]) && !segments.Any(IsSkippedName))
            .Order(NoteOrder));
    }

    public override IReadOnlyList<string> NoteKeys { get; }

    public override IEnumerable<string> AllKeys => _entries.Keys;

    public override async Task<SourceFile?> ReadAsync(string key, long maxBytes, CancellationToken cancellationToken)
    {
        if (!_entries.TryGetValue(key, out var entry) && !_entriesAnyCase.TryGetValue(key, out entry))
            return null;
        await using var stream = entry.Open();
        var content = await ReadLimitedAsync(stream, maxBytes, CountInflated, cancellationToken);
        // A zip stores wall-clock time without a zone: Unspecified, read later as the site's zone.
        return new SourceFile(content, DateTime.SpecifyKind(entry.LastWriteTime.DateTime, DateTimeKind.Unspecified));
    }

    private void CountInflated(int bytes)
    {
        _inflated += bytes;
        if (_inflated > _maxInflatedBytes)
            throw new ImportException(new("The archive inflates to more than {0} MB; the import stopped there. Split it into smaller archives.", _maxInflatedBytes / (1024 * 1024)));
    }

    /// <summary>The entry's key, or null when its name is unsafe: .. segments, rooted paths, drive letters.</summary>
    internal static string? Normalize(string entryName)
    {
        var name = entryName.Replace('\\', '/');
        if (name.StartsWith('/') || (name.Length >= 2 && char.IsAsciiLetter(name[0]) && name[1] == ':') || name.Contains('\0'))
            return null;
        var segments = name.Split('/');
        if (segments.Any(s => s == ".."))
            return null;
        return string.Join('/', segments.Where(s => s is not ("" or ".")));
    }

    public override void Dispose()
    {
        _zip?.Dispose();
        if (_ownsStream)
            _stream.Dispose();
    }
}
