namespace Blog.Import;

/// <summary>A file read from an import: its bytes and its last-write time (UTC, or site-local when Unspecified).</summary>
internal sealed record SourceFile(byte[] Content, DateTime LastWrite);

/// <summary>
/// Where the notes come from: a folder on disk or a zip. Both speak in keys, paths relative to the
/// import root with forward slashes, so a note's SourceKey and its image lookups are the same
/// whichever way the notes arrived.
/// </summary>
internal abstract class NoteSource : IDisposable
{
    /// <summary>The notes to import, in a stable order so that slug suffixes (-2, -3) are repeatable.</summary>
    public abstract IReadOnlyList<string> NoteKeys { get; }

    /// <summary>Entries refused (unsafe zip paths) or set aside (navigation files) before reading, reported by name.</summary>
    public List<ImportItem> Refused { get; } = [];

    /// <summary>
    /// Which collection the notes belong to: the imported folder's own name (with the folder above
    /// when the name says little, as <c>docs</c>), or the zip's name. A note is the same note on a
    /// later import only within its collection: two books that both have <c>chapter1/chapter1.md</c> are two.
    /// </summary>
    public string Collection { get; protected init; } = "notes";

    /// <summary>Every file's key (notes, images, anything), for the links that name a file but not its folder (Obsidian's <c>![[a.png]]</c>).</summary>
    public abstract IEnumerable<string> AllKeys { get; }

    private static readonly HashSet<string> NavigationFiles = new(StringComparer.OrdinalIgnoreCase)
    {
        "_sidebar.md", "_navbar.md", "_coverpage.md", "SUMMARY.md",
    };

    /// <summary>docsify's and GitBook's navigation files: the site's menus, not notes.</summary>
    public static bool IsNavigationFile(string key) => NavigationFiles.Contains(key.Split('/')[^1]);

    private static readonly HashSet<string> PlainFolderNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "docs", "doc", "notes", "note", "src", "source", "content", "contents", "book", "markdown", "md", "posts", "_posts", "wiki", "vault",
    };

    protected static string CollectionName(string folder)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        var name = Path.GetFileName(full);
        var parent = Path.GetFileName(Path.GetDirectoryName(full) ?? "");
        if (name.Length == 0)
            return "notes";
        return PlainFolderNames.Contains(name) && !string.IsNullOrEmpty(parent) ? $"{parent}/{name}" : name;
    }

    /// <summary>
    /// The order notes are imported in, and so their posts' order among notes of the same date (a
    /// checkout gives a whole book one file time): numbers as numbers, so that a book's chapter2
    /// comes before its chapter10 and previous/next follow the chapters.
    /// </summary>
    protected static readonly StringComparer NoteOrder =
        StringComparer.Create(System.Globalization.CultureInfo.InvariantCulture, System.Globalization.CompareOptions.NumericOrdering);

    /// <summary>Keeps navigation files out of the notes, reported as set aside.</summary>
    protected List<string> WithoutNavigationFiles(IEnumerable<string> keys)
    {
        var notes = new List<string>();
        foreach (var key in keys)
        {
            if (IsNavigationFile(key))
                Refused.Add(new ImportItem(key, ImportOutcome.Skipped, new ImportMessage("a navigation file (docsify, GitBook), not a note")));
            else
                notes.Add(key);
        }
        return notes;
    }

    /// <summary>The file under a key; null when there is none. Throws BadNoteException past <paramref name="maxBytes"/>, InvalidDataException for a damaged zip entry.</summary>
    public abstract Task<SourceFile?> ReadAsync(string key, long maxBytes, CancellationToken cancellationToken);

    public virtual void Dispose() { }

    /// <summary>Opens a folder, a .zip, or a single .md file.</summary>
    public static NoteSource Open(string path)
    {
        if (Directory.Exists(path))
            return new FolderNoteSource(path, single: null);
        if (!File.Exists(path))
            throw new ImportException(new("There is no folder or file at {0}.", path));
        if (path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
            return new ZipNoteSource(File.OpenRead(path), Path.GetFileName(path), ownsStream: true);
        if (IsNoteName(path))
            return new FolderNoteSource(Path.GetDirectoryName(Path.GetFullPath(path))!, single: Path.GetFileName(path));
        throw new ImportException(new("{0} is not a folder, a .zip or a Markdown (.md) file.", path));
    }

    public static bool IsNoteName(string name) =>
        name.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".markdown", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Folders that hold tooling, not notes: .git, .obsidian, .vscode, node_modules (a Hexo site
    /// has thousands of package READMEs there), and the __MACOSX shadow folder of Finder zips.
    /// </summary>
    public static bool IsSkippedName(string name) =>
        name.StartsWith('.') || name is "node_modules" or "__MACOSX";

    /// <summary>Reads a stream to its end, refusing more than maxBytes; every byte read is reported to <paramref name="onRead"/>.</summary>
    protected static async Task<byte[]> ReadLimitedAsync(Stream stream, long maxBytes, Action<int>? onRead, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            onRead?.Invoke(read);
            if (buffer.Length + read > maxBytes)
                throw new BadNoteException(new("it is larger than {0} MB", maxBytes / (1024 * 1024)));
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}

internal sealed class FolderNoteSource : NoteSource
{
    private readonly string _root, _prefix;

    public FolderNoteSource(string root, string? single)
    {
        _root = Path.GetFullPath(root);
        _prefix = Path.EndsInDirectorySeparator(_root) ? _root : _root + Path.DirectorySeparatorChar;
        Collection = CollectionName(_root);
        NoteKeys = single is not null ? [single] : WithoutNavigationFiles(FindNotes().Order(NoteOrder));
        _allKeys = new Lazy<List<string>>(() => FindFiles(_ => true).ToList());
    }

    public override IReadOnlyList<string> NoteKeys { get; }

    private readonly Lazy<List<string>> _allKeys;

    public override IEnumerable<string> AllKeys => _allKeys.Value;

    public override async Task<SourceFile?> ReadAsync(string key, long maxBytes, CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(Path.Combine(_root, key.Replace('/', Path.DirectorySeparatorChar)));
        // Keys are normalized before they get here; this is the last line of defence.
        if (!path.StartsWith(_prefix, StringComparison.Ordinal) || !File.Exists(path))
            return null;
        await using var stream = File.OpenRead(path);
        var content = await ReadLimitedAsync(stream, maxBytes, null, cancellationToken);
        return new SourceFile(content, File.GetLastWriteTimeUtc(path));
    }

    private IEnumerable<string> FindNotes() => FindFiles(name => IsNoteName(name) && !IsSkippedName(name));

    private IEnumerable<string> FindFiles(Func<string, bool> wanted)
    {
        var pending = new Stack<string>([_root]);
        while (pending.Count > 0)
        {
            var folder = pending.Pop();
            foreach (var file in Directory.EnumerateFiles(folder))
            {
                var name = Path.GetFileName(file);
                if (wanted(name))
                    yield return Path.GetRelativePath(_root, file).Replace(Path.DirectorySeparatorChar, '/');
            }
            foreach (var child in Directory.EnumerateDirectories(folder))
            {
                // Linked folders are not followed: a link back up the tree would never end.
                if (!IsSkippedName(Path.GetFileName(child)) && !File.GetAttributes(child).HasFlag(FileAttributes.ReparsePoint))
                    pending.Push(child);
            }
        }
    }
}
