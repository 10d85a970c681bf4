using Markdig.Extensions.Mathematics;
using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace Blog.Content;

/// <summary>
/// Inline <c>$...$</c>, <c>$$...$$</c> and GitHub's <c>$`...`$</c>, read as Typora, docsify and
/// pandoc read them rather than by CommonMark's emphasis-style flanking rules:
/// <list type="bullet">
/// <item>A <c>$</c> may touch anything outside it: <c>数据集$D$，且</c>, <c>其中$m$为</c>.</item>
/// <item>Inside, either no space on both ends (<c>$x$</c>) or a space on both ends (<c>$ x $</c>).</item>
/// <item>The closing <c>$</c> is not followed by a digit, and the TeX holds no other unescaped
/// <c>$</c>: <c>$5 and $10</c>, <c>$HOME and $PATH</c> and a lone <c>$</c> stay text.</item>
/// <item>Math never spans a code span (a backtick ends the search) nor, being inline, a blank line
/// or a heading; <c>\$</c> is a dollar sign, outside math and inside it.</item>
/// <item><c>$$...$$</c> within a paragraph is display math and may span its lines.</item>
/// </list>
/// What is inside is kept as written: emphasis, escapes and table pipes never reach it.
/// </summary>
internal sealed class DollarMathParser : InlineParser
{
    public DollarMathParser() => OpeningCharacters = ['$'];

    public override bool Match(InlineProcessor processor, ref StringSlice slice)
    {
        var text = slice.Text;
        int start = slice.Start, end = slice.End;
        var dollars = 1;
        while (start + dollars <= end && text[start + dollars] == '$')
            dollars++;
        if (dollars > 2)
            return false;

        int contentStart, contentEnd, after; // content is [contentStart, contentEnd)
        if (dollars == 2)
        {
            var close = FindDouble(processor, text, start + 2, end);
            if (close < 0 || string.IsNullOrWhiteSpace(text[(start + 2)..close]))
                return false;
            (contentStart, contentEnd, after) = (start + 2, close, close + 2);
        }
        else if (start + 1 <= end && text[start + 1] == '`')
        {
            // GitHub: $`...`$
            var close = text.IndexOf("`$", start + 2, end - start - 1, StringComparison.Ordinal);
            if (close < 0 || close == start + 2)
                return false;
            (contentStart, contentEnd, after) = (start + 2, close, close + 2);
        }
        else
        {
            var close = FindSingle(text, start, end);
            if (close < 0)
                return false;
            (contentStart, contentEnd, after) = (start + 1, close, close + 1);
        }

        while (contentStart < contentEnd && IsSpace(text[contentStart]))
            contentStart++;
        while (contentEnd > contentStart && IsSpace(text[contentEnd - 1]))
            contentEnd--;
        var startPosition = processor.GetSourcePosition(start, out var line, out var column);
        var math = new MathInline
        {
            Delimiter = '$',
            DelimiterCount = dollars,
            Content = new StringSlice(text, contentStart, contentEnd - 1),
            Line = line,
            Column = column,
            Span = new SourceSpan(startPosition, processor.GetSourcePosition(after - 1)),
        };
        math.GetAttributes().AddClass("math");
        processor.Inline = math;
        slice.Start = after;
        return true;
    }

    /// <summary>The closing <c>$</c> of a single-dollar formula opened at <paramref name="open"/>, or -1.</summary>
    private static int FindSingle(string text, int open, int end)
    {
        if (open + 1 > end)
            return -1;
        var spaced = IsSpace(text[open + 1]);
        for (var i = open + 1; i <= end; i++)
        {
            switch (text[i])
            {
                case '\\':
                    i++; // \$ \{ \\ ... are TeX's own
                    continue;
                case '`':
                    return -1;
                case '$':
                    var followedByDigit = i + 1 <= end && char.IsAsciiDigit(text[i + 1]);
                    var fits = i > open + 1 && IsSpace(text[i - 1]) == spaced && !followedByDigit
                        && (i + 1 > end || text[i + 1] != '$') && !string.IsNullOrWhiteSpace(text[(open + 1)..i]);
                    return fits ? i : -1;
            }
        }
        return -1;
    }

    /// <summary>The closing <c>$$</c> after <paramref name="from"/>, or -1; remembers per text the last one, so runs of unclosed <c>$$</c> stay linear.</summary>
    private int FindDouble(InlineProcessor processor, string text, int from, int end)
    {
        if (processor.ParserStates[Index] is not LastDouble last || !ReferenceEquals(last.Text, text))
            processor.ParserStates[Index] = last = new LastDouble(text, text.LastIndexOf("$$", StringComparison.Ordinal));
        if (from > last.At)
            return -1;
        for (var i = from; i < end; i++)
        {
            if (text[i] == '\\')
                i++;
            else if (text[i] == '`')
                return -1;
            else if (text[i] == '$')
                return text[i + 1] == '$' ? i : -1;
        }
        return -1;
    }

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\r';

    private sealed record LastDouble(string Text, int At);
}
