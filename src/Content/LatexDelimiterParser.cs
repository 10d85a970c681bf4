using Markdig.Extensions.Mathematics;
using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Renderers.Html;

namespace Blog.Content;

/// <summary>
/// Parses <c>\(...\)</c> and <c>\[...\]</c> as math. CommonMark would read <c>\(</c> as an escaped
/// parenthesis and then apply emphasis to the LaTeX inside; this parser runs before the escape
/// parser and keeps the formula whole.
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

        // Without a closing delimiter after a position, there is none after any later one either:
        // remembering that keeps "\( \( \( ..." linear instead of quadratic.
        var unclosed = processor.ParserStates[Index] as Unclosed;
        if (unclosed?.Text == slice.Text && contentStart >= unclosed.From(open))
            return false;
        var closeAt = slice.Text.IndexOf(close, contentStart, length, StringComparison.Ordinal);
        if (closeAt < 0)
        {
            if (unclosed?.Text != slice.Text)
                processor.ParserStates[Index] = unclosed = new Unclosed(slice.Text);
            unclosed!.Remember(open, contentStart);
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

    /// <summary>Per document: from where on a block's text has no closing delimiter of each kind.</summary>
    private sealed class Unclosed(string text)
    {
        private int _parenthesis = int.MaxValue, _bracket = int.MaxValue;

        public string Text { get; } = text;

        public int From(char open) => open == '(' ? _parenthesis : _bracket;

        public void Remember(char open, int position)
        {
            if (open == '(') _parenthesis = Math.Min(_parenthesis, position);
            else _bracket = Math.Min(_bracket, position);
        }
    }
}
