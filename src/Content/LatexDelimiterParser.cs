using Markdig.Extensions.Mathematics;
using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Renderers.Html;

namespace Blog.Content;

/// <summary>
/// Parses <c>\(...\)</c> and <c>\[...\]</c> as math. CommonMark would read <c>\(</c> as an escaped
/// parenthesis and then apply emphasis to the LaTeX inside; this parser runs before the escape
/// parser and keeps the formula whole. What holds a <c>$</c> of its own (outside braces) is no
/// formula: <c>样例集$D$\[也叫观测集，注意与$\mathcal{D}$的区别\]</c> is a bracketed
/// aside escaped for Markdown, as docsify and Typora show it.
/// </summary>
internal sealed class LatexDelimiterParser : InlineParser
{
    public LatexDelimiterParser() => OpeningCharacters = ['\\'];

    public override bool Match(InlineProcessor processor, ref StringSlice slice)
    {
        var open = slice.PeekChar();
        if (open is not ('(' or '['))
            return false;

        var close = open == '(' ? "\\)" : "\\]";
        var contentStart = slice.Start + 2;
        var length = slice.End - contentStart + 1;
        if (length <= 0)
            return false;

        // Without a closing delimiter after a position, there is none after any later one either;
        // and an opening before a refused span's last $ would hold that $ too. Remembering both keeps
        // "\( \( \( ..." and "\[$\[$\[$ ... \]" linear instead of quadratic.
        var seen = processor.ParserStates[Index] as Seen;
        if (seen?.Text != slice.Text)
            processor.ParserStates[Index] = seen = new Seen(slice.Text);
        if (contentStart >= seen.UnclosedFrom(open) || contentStart <= seen.DollarAt(open))
            return false;
        var closeAt = slice.Text.IndexOf(close, contentStart, length, StringComparison.Ordinal);
        if (closeAt < 0)
        {
            seen.Unclosed(open, contentStart);
            return false;
        }
        if (LastDollar(slice.Text, contentStart, closeAt) is var dollar and >= 0)
        {
            seen.Dollar(open, dollar);
            return false;
        }

        var startPosition = processor.GetSourcePosition(slice.Start, out var line, out var column);
        var math = new MathInline
        {
            Delimiter = '$',
            DelimiterCount = open == '(' ? 1 : 2,
            Content = new StringSlice(slice.Text, contentStart, closeAt - 1),
            Line = line,
            Column = column,
            Span = new Markdig.Syntax.SourceSpan(startPosition, processor.GetSourcePosition(closeAt + 1)),
        };
        math.GetAttributes().AddClass("math");
        processor.Inline = math;
        slice.Start = closeAt + 2;
        return true;
    }

    /// <summary>The last unescaped <c>$</c> in [from, to) outside braces (<c>\text{if $x>0$}</c> is TeX's own), or -1.</summary>
    private static int LastDollar(string text, int from, int to)
    {
        int last = -1, depth = 0;
        for (var i = from; i < to; i++)
        {
            switch (text[i])
            {
                case '\\': i++; break;
                case '{': depth++; break;
                case '}': depth = Math.Max(0, depth - 1); break;
                case '$' when depth == 0: last = i; break;
            }
        }
        return last;
    }

    /// <summary>Per block of text, for each kind of delimiter: from where on nothing closes, and up to where an opening would hold a <c>$</c>.</summary>
    private sealed class Seen(string text)
    {
        private int _parenthesis = int.MaxValue, _bracket = int.MaxValue;
        private int _parenthesisDollar = -1, _bracketDollar = -1;

        public string Text { get; } = text;

        public int UnclosedFrom(char open) => open == '(' ? _parenthesis : _bracket;

        public int DollarAt(char open) => open == '(' ? _parenthesisDollar : _bracketDollar;

        public void Unclosed(char open, int position)
        {
            if (open == '(') _parenthesis = Math.Min(_parenthesis, position);
            else _bracket = Math.Min(_bracket, position);
        }

        public void Dollar(char open, int position)
        {
            if (open == '(') _parenthesisDollar = Math.Max(_parenthesisDollar, position);
            else _bracketDollar = Math.Max(_bracketDollar, position);
        }
    }
}
