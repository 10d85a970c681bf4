using System.Text;

namespace Blog.Search;

/// <summary>
/// A reader's query turned into a safe FTS5 expression. The reader's text never reaches FTS5
/// syntax: it is folded and cut into our own tokens, each quoted, so quotes, stars, NEAR, ^, -
/// and : are just characters. Terms are ANDed; a quoted phrase must appear as written.
/// </summary>
public sealed class SearchQuery
{
    public const int MaxLength = 200;
    private const int MaxTerms = 12;

    public IReadOnlyList<string> Terms { get; }
    public string? FtsExpression { get; }

    private SearchQuery(IReadOnlyList<string> terms, string? expression) => (Terms, FtsExpression) = (terms, expression);

    public static SearchQuery Parse(string? query)
    {
        var text = new string((query ?? "").Take(MaxLength).Select(c => char.IsControl(c) ? ' ' : c).ToArray());
        var terms = new List<string>();
        var clauses = new List<string>();
        foreach (var term in SplitTerms(text).Take(MaxTerms))
        {
            var folded = ChineseVariants.Fold(term);
            var segments = SearchTokens.Segments(folded).ToList();
            if (segments.Count == 0)
                continue;
            terms.Add(folded);
            clauses.Add(Clause(segments));
        }
        return new SearchQuery(terms, clauses.Count == 0 ? null : string.Join(" AND ", clauses));
    }

    /// <summary>One CJK character searches single characters; anything else is a phrase of pairs and words.</summary>
    private static string Clause(List<(bool Cjk, string Text)> segments)
    {
        if (segments is [{ Cjk: true } only] && only.Text.EnumerateRunes().Count() == 1)
            return $"{{title_uni uni}} : {Quote(only.Text)}";
        var tokens = segments.SelectMany(s => SearchTokens.Tokens(s, bigrams: true));
        return $"{{title_bi bi}} : {Quote(string.Join(' ', tokens))}";
    }

    private static string Quote(string phrase) => "\"" + phrase.Replace("\"", "\"\"") + "\"";

    /// <summary>Words separated by spaces; "a quoted phrase" stays one term; an unbalanced quote runs to the end.</summary>
    private static IEnumerable<string> SplitTerms(string text)
    {
        var current = new StringBuilder();
        var quoted = false;
        foreach (var c in text)
        {
            if (c is '"' or '“' or '”')
            {
                if (current.Length > 0) yield return current.ToString();
                current.Clear();
                quoted = !quoted;
            }
            else if (char.IsWhiteSpace(c) && !quoted)
            {
                if (current.Length > 0) yield return current.ToString();
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }
        if (current.Length > 0)
            yield return current.ToString();
    }
}
