using System.Text;

namespace Blog.Search;

/// <summary>
/// A reader's query turned into a safe FTS5 expression. The reader's text never reaches FTS5
/// syntax: it is folded and cut into our own tokens, each quoted, so quotes, stars, NEAR, ^, -
/// and : are just characters. Terms are ANDed; a quoted phrase must appear as written.
/// The same clauses, as tokens, serve PostgreSQL's tsquery.
/// </summary>
public sealed class SearchQuery
{
    public const int MaxLength = 200;
    private const int MaxTerms = 12;

    public IReadOnlyList<string> Terms { get; }
    public string? FtsExpression { get; }

    /// <summary>The same clauses, each required in the title.</summary>
    public string? FtsTitleExpression { get; }

    /// <summary>Every term as a phrase of tokens, all required.</summary>
    public IReadOnlyList<SearchClause> Clauses { get; }

    private SearchQuery(IReadOnlyList<string> terms, IReadOnlyList<SearchClause> clauses)
    {
        (Terms, Clauses) = (terms, clauses);
        if (clauses.Count == 0)
            return;
        FtsExpression = string.Join(" AND ", clauses.Select(c => Fts(c, title: false)));
        FtsTitleExpression = string.Join(" AND ", clauses.Select(c => Fts(c, title: true)));
    }

    public static SearchQuery Parse(string? query)
    {
        var text = new string((query ?? "").Take(MaxLength).Select(c => char.IsControl(c) ? ' ' : c).ToArray());
        var terms = new List<string>();
        var clauses = new List<SearchClause>();
        foreach (var term in SplitTerms(text).Take(MaxTerms))
        {
            var folded = ChineseVariants.Fold(term);
            var segments = SearchTokens.Segments(folded).ToList();
            if (segments.Count == 0)
                continue;
            terms.Add(folded);
            clauses.Add(Clause(segments));
        }
        return new SearchQuery(terms, clauses);
    }

    /// <summary>One CJK character searches single characters; anything else is a phrase of pairs and words.</summary>
    private static SearchClause Clause(List<(bool Cjk, string Text)> segments)
    {
        if (segments is [{ Cjk: true } only] && only.Text.EnumerateRunes().Count() == 1)
            return new SearchClause(SingleCharacter: true, [only.Text]);
        return new SearchClause(SingleCharacter: false, segments.SelectMany(s => SearchTokens.Tokens(s, bigrams: true)).ToList());
    }

    private static string Fts(SearchClause clause, bool title) => clause.SingleCharacter
        ? $"{(title ? "title_uni" : "{title_uni uni}")} : {Quote(clause.Tokens[0])}"
        : $"{(title ? "title_bi" : "{title_bi bi}")} : {Quote(string.Join(' ', clause.Tokens))}";

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

/// <summary>
/// One term of a query: a single CJK character, matched against single characters, or a
/// phrase of words and CJK pairs, matched against pairs.
/// </summary>
public sealed record SearchClause(bool SingleCharacter, IReadOnlyList<string> Tokens);
