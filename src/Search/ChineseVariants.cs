namespace Blog.Search;

/// <summary>
/// Folds text for search: traditional characters to simplified (OpenCC's table) and Latin to
/// lower case, one UTF-16 unit for one, so positions in folded text are positions in the original.
/// </summary>
public static class ChineseVariants
{
    private static readonly Lazy<Dictionary<char, char>> ToSimplified = new(Load);

    public static string Fold(string text)
    {
        var map = ToSimplified.Value;
        return string.Create(text.Length, text, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = map.TryGetValue(c, out var simplified) ? simplified : char.ToLowerInvariant(c);
            }
        });
    }

    private static Dictionary<char, char> Load()
    {
        using var stream = typeof(ChineseVariants).Assembly.GetManifestResourceStream("Blog.Search.OpenCC.TSCharacters.txt")
            ?? throw new InvalidOperationException("The embedded OpenCC table is missing.");
        using var reader = new StreamReader(stream);
        var map = new Dictionary<char, char>();
        while (reader.ReadLine() is { } line)
        {
            // "覺\t觉" — the first simplified form wins; entries outside the BMP are skipped to keep positions aligned.
            var parts = line.Split('\t');
            if (line.StartsWith('#') || parts.Length < 2 || parts[0].Length != 1)
                continue;
            var simplified = parts[1].Split(' ')[0];
            if (simplified.Length == 1)
                map[parts[0][0]] = simplified[0];
        }
        return map;
    }
}
