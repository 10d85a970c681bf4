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

    /// <summary>
    /// <c>zh-Hant</c> when the text has more characters only traditional writing uses (覺, 學)
    /// than ones only simplified writing uses (觉, 学); otherwise <c>zh-Hans</c>. Characters both
    /// share (中, 的) say nothing either way.
    /// </summary>
    public static string DetectScript(string text)
    {
        var map = ToSimplified.Value;
        var simplifiedOnly = SimplifiedOnly.Value;
        int traditional = 0, simplified = 0;
        foreach (var c in text)
        {
            if (map.TryGetValue(c, out var s) && s != c)
                traditional++;
            else if (simplifiedOnly.Contains(c))
                simplified++;
        }
        return traditional > simplified ? "zh-Hant" : "zh-Hans";
    }

    private static readonly Lazy<HashSet<char>> SimplifiedOnly = new(() =>
    {
        var map = ToSimplified.Value;
        return map.Where(p => p.Key != p.Value).Select(p => p.Value).Where(s => !map.ContainsKey(s) || map[s] == s).ToHashSet();
    });

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
