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
    public static string Unigrams(string folded) => Join(folded, bigrams: false);

    /// <summary>Latin words and overlapping CJK pairs (a lone CJK character stands for itself).</summary>
    public static string Bigrams(string folded) => Join(folded, bigrams: true);

    /// <summary>Runs of CJK characters and Latin words (letters and digits), in order.</summary>
    internal static IEnumerable<(bool Cjk, string Text)> Segments(string folded) =>
        SegmentsOf(folded).Select(s => (s.Cjk, folded.Substring(s.Start, s.Length)));

    /// <summary>A segment's tokens: a Latin word itself, CJK as single characters or overlapping pairs.</summary>
    internal static IEnumerable<string> Tokens((bool Cjk, string Text) segment, bool bigrams)
    {
        if (!segment.Cjk)
            return [segment.Text];
        var tokens = new StringBuilder();
        AppendCjk(tokens, segment.Text, bigrams);
        return tokens.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    // Every save indexes its post's whole text: the tokens are written straight from the text's
    // characters, without a string for each character, pair or segment on the way.
    private static string Join(string folded, bool bigrams)
    {
        var tokens = new StringBuilder(folded.Length * 2);
        foreach (var (cjk, start, length) in SegmentsOf(folded))
        {
            var segment = folded.AsSpan(start, length);
            if (cjk)
                AppendCjk(tokens, segment, bigrams);
            else
                tokens.Append(segment).Append(' ');
        }
        return tokens.ToString();
    }

    private static IEnumerable<(bool Cjk, int Start, int Length)> SegmentsOf(string folded)
    {
        var start = -1;
        var cjk = false;
        for (var i = 0; i < folded.Length;)
        {
            Rune.DecodeFromUtf16(folded.AsSpan(i), out var rune, out var length);
            var isCjk = Cjk.IsCjk(rune) && Rune.IsLetterOrDigit(rune);
            var isWord = isCjk || Rune.IsLetterOrDigit(rune);
            if (start >= 0 && (!isWord || isCjk != cjk))
            {
                yield return (cjk, start, i - start);
                start = -1;
            }
            if (isWord && start < 0)
                (start, cjk) = (i, isCjk);
            i += length;
        }
        if (start >= 0)
            yield return (cjk, start, folded.Length - start);
    }

    private static void AppendCjk(StringBuilder tokens, ReadOnlySpan<char> run, bool bigrams)
    {
        var previous = ReadOnlySpan<char>.Empty;
        var count = 0;
        while (!run.IsEmpty)
        {
            Rune.DecodeFromUtf16(run, out _, out var length);
            var current = run[..length];
            if (!bigrams)
                tokens.Append(current).Append(' ');
            else if (count > 0)
                tokens.Append(previous).Append(current).Append(' ');
            previous = current;
            count++;
            run = run[length..];
        }
        if (bigrams && count == 1)
            tokens.Append(previous).Append(' ');
    }
}
