using System.Text;
using Blog.Content;

namespace Blog.Search;

/// <summary>
/// How text becomes search tokens. FTS5's tokenizers cannot find a two-character Chinese word
/// (trigram needs three, unicode61 keeps a whole run of Chinese as one token), so we tokenize
/// ourselves: Latin words as words, and Chinese as single characters in one column and as
/// overlapping pairs in another. A query of one CJK character matches the single characters;
/// anything longer becomes a phrase of pairs, which matches exactly that sequence.
/// </summary>
public static class SearchTokens
{
    /// <summary>Latin words and single CJK characters, space-separated.</summary>
    public static string Unigrams(string folded) => Join(Segments(folded), bigrams: false);

    /// <summary>Latin words and overlapping CJK pairs (a lone CJK character stands for itself).</summary>
    public static string Bigrams(string folded) => Join(Segments(folded), bigrams: true);

    /// <summary>Runs of CJK characters and Latin words (letters and digits), in order.</summary>
    internal static IEnumerable<(bool Cjk, string Text)> Segments(string folded)
    {
        var current = new StringBuilder();
        var currentIsCjk = false;
        foreach (var rune in folded.EnumerateRunes())
        {
            var isCjk = Cjk.IsCjk(rune) && Rune.IsLetterOrDigit(rune);
            var isWord = isCjk || Rune.IsLetterOrDigit(rune);
            if (!isWord || (current.Length > 0 && isCjk != currentIsCjk))
            {
                if (current.Length > 0)
                    yield return (currentIsCjk, current.ToString());
                current.Clear();
            }
            if (isWord)
            {
                current.Append(rune.ToString());
                currentIsCjk = isCjk;
            }
        }
        if (current.Length > 0)
            yield return (currentIsCjk, current.ToString());
    }

    private static string Join(IEnumerable<(bool Cjk, string Text)> segments, bool bigrams)
    {
        var sb = new StringBuilder();
        foreach (var token in segments.SelectMany(s => Tokens(s, bigrams)))
            sb.Append(token).Append(' ');
        return sb.ToString();
    }

    internal static IEnumerable<string> Tokens((bool Cjk, string Text) segment, bool bigrams)
    {
        if (!segment.Cjk)
        {
            yield return segment.Text;
            yield break;
        }
        var runes = segment.Text.EnumerateRunes().Select(r => r.ToString()).ToList();
        if (!bigrams || runes.Count == 1)
        {
            foreach (var rune in runes)
                yield return rune;
            yield break;
        }
        for (var i = 0; i + 1 < runes.Count; i++)
            yield return runes[i] + runes[i + 1];
    }
}
