using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Blog.Import;

/// <summary>
/// The YAML block between <c>---</c> lines at the top of a note, read loosely: Hexo, Hugo, Jekyll
/// and Typora all write slightly different shapes (a category as a string, a list, or a list of
/// lists; tags as a list or one string), so fields are looked up by name and coerced when asked
/// for, rather than bound to a strict class that would reject half of the notes out there.
/// </summary>
internal sealed class FrontMatter
{
    // Aliases can make a small document describe an enormous tree ("billion laughs"); the
    // representation model keeps them as shared nodes, so only the walk needs a bound.
    private const int MaxNodesVisited = 1000, MaxDepth = 8;

    private static readonly string[] NullWords = ["", "~", "null", "Null", "NULL"];

    private readonly Dictionary<string, YamlNode> _fields = new(StringComparer.OrdinalIgnoreCase);

    public static FrontMatter Empty { get; } = new();

    /// <summary>
    /// Splits a note into its front matter and its Markdown body. Text that opens with <c>---</c>
    /// but never closes it is a thematic break, not front matter: it stays in the body.
    /// </summary>
    public static (FrontMatter FrontMatter, string Body) Split(string text, ICollection<ImportMessage> warnings)
    {
        var firstBreak = text.IndexOf('\n');
        if (firstBreak < 0 || !IsFence(text[..firstBreak], closing: false))
            return (Empty, text);

        var start = firstBreak + 1;
        for (var lineStart = start; ;)
        {
            var lineEnd = text.IndexOf('\n', lineStart);
            var line = lineEnd < 0 ? text[lineStart..] : text[lineStart..lineEnd];
            if (IsFence(line, closing: true))
                return (Parse(text[start..lineStart], firstLine: 2, warnings), lineEnd < 0 ? "" : text[(lineEnd + 1)..]);
            if (lineEnd < 0)
                break;
            lineStart = lineEnd + 1;
        }

        warnings.Add(new("it starts with --- but has no closing --- line, so it was read as Markdown without front matter"));
        return (Empty, text);
    }

    /// <summary>
    /// Parses the YAML; <paramref name="firstLine"/> is the file line it starts on, for messages.
    /// A block that is YAML but no fields (Typora's metadata block holding a word or a list) is left
    /// out with a warning: Typora shows it apart from the note, and the note is worth importing.
    /// </summary>
    public static FrontMatter Parse(string yaml, int firstLine, ICollection<ImportMessage>? warnings = null)
    {
        var scanner = new Scanner(new StringReader(yaml));
        var stream = new YamlStream();
        try
        {
            stream.Load(new Parser(scanner));
        }
        catch (YamlException e)
        {
            throw new BadNoteException(new("its front matter is not valid YAML (line {0}): {1}", e.Start.Line + firstLine - 1, e.Message));
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this, without a position, on some unclosed [ or { lists.
            throw new BadNoteException(new("its front matter is not valid YAML (near line {0}): "
                + "an unclosed [ ] or {{ }} list, or a value that needs quotes", scanner.CurrentPosition.Line + firstLine - 1));
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
            return Empty; // nothing but comments or blank lines
        if (stream.Documents[0].RootNode is not YamlMappingNode mapping)
        {
            var found = new ImportMessage(stream.Documents[0].RootNode is YamlSequenceNode ? "a list" : "a single value");
            if (warnings is null)
                throw new BadNoteException(new("its front matter is not a set of \"key: value\" fields (YAML found {0})", found));
            warnings.Add(new("its front matter is not a set of \"key: value\" fields (YAML found {0}), so it was left out", found));
            return Empty;
        }

        var frontMatter = new FrontMatter();
        foreach (var (key, value) in mapping.Children)
        {
            if (key is YamlScalarNode { Value: { } name })
                frontMatter._fields.TryAdd(name.Trim(), value);
        }
        return frontMatter;
    }

    /// <summary>The first of the keys that holds a single non-empty value.</summary>
    public string? Text(params string[] keys)
    {
        foreach (var key in keys)
        {
            if (_fields.TryGetValue(key, out var node) && ScalarValue(node) is { } value && value.Trim().Length > 0)
                return value.Trim();
        }
        return null;
    }

    /// <summary>Every value under the key, whether it was written as one value, a list or nested lists.</summary>
    public List<string> Values(string key)
    {
        var values = new List<string>();
        if (_fields.TryGetValue(key, out var node))
        {
            var visited = 0;
            Collect(node, 0, values, ref visited);
        }
        return values;
    }

    /// <summary>true/false (also yes/no, on/off); null when absent or not a yes/no value.</summary>
    public bool? Flag(string key) => Text(key)?.ToLowerInvariant() switch
    {
        "true" or "yes" or "on" or "1" => true,
        "false" or "no" or "off" or "0" => false,
        _ => null,
    };

    private static void Collect(YamlNode node, int depth, List<string> values, ref int visited)
    {
        if (++visited > MaxNodesVisited || depth > MaxDepth)
            return;
        switch (node)
        {
            case YamlScalarNode scalar when ScalarValue(scalar) is { } value && value.Trim().Length > 0:
                values.Add(value.Trim());
                break;
            case YamlSequenceNode sequence:
                foreach (var child in sequence.Children)
                    Collect(child, depth + 1, values, ref visited);
                break;
        }
    }

    private static string? ScalarValue(YamlNode node) => node is YamlScalarNode scalar
        && !(scalar.Style == ScalarStyle.Plain && NullWords.Contains(scalar.Value ?? ""))
            ? scalar.Value
            : null;

    // YAML ends a document with "..." as well as "---"; Jekyll and Hexo write "---".
    private static bool IsFence(string line, bool closing) =>
        line.TrimEnd() is "---" || (closing && line.TrimEnd() is "...");
}
