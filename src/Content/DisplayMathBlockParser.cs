using Markdig.Extensions.Mathematics;
using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace Blog.Content;

/// <summary>
/// Display math blocks as Typora writes them:
/// <list type="bullet">
/// <item><c>$$</c> opens a block whose TeX may start on that very line (<c>$$\begin{aligned}</c>)
/// and ends at the first line ending with <c>$$</c> (<c>\end{aligned}$$</c>); lines in between that
/// look blank (inside <c>aligned</c>, <c>cases</c>, <c>matrix</c>) do not end it.</item>
/// <item><c>$$x$$</c> alone on its line is a block; followed by text on its line it is left to the
/// paragraph (<see cref="DollarMathParser"/> reads it as display math there).</item>
/// <item><c>\begin{equation}</c> (and align, gather, multline, with or without <c>*</c>) at the start
/// of a line opens a block that ends with the line holding its <c>\end</c>; the environment is kept.</item>
/// </list>
/// Both may interrupt a paragraph, and both work inside list items and quotes.
/// </summary>
internal sealed class DisplayMathBlockParser : BlockParser
{
    private static readonly string[] Environments =
        ["equation", "equation*", "align", "align*", "gather", "gather*", "multline", "multline*", "alignat", "alignat*", "eqnarray", "eqnarray*"];

    public DisplayMathBlockParser() => OpeningCharacters = ['$', '\\'];

    public override BlockState TryOpen(BlockProcessor processor)
    {
        if (processor.IsCodeIndent)
            return BlockState.None;

        var line = processor.Line;
        var text = line.ToString();
        string? end;
        string first;
        if (text.StartsWith("$$", StringComparison.Ordinal) && !text.StartsWith("$$$", StringComparison.Ordinal))
        {
            var rest = text[2..];
            var close = IndexOfClosing(rest);
            if (close >= 0)
            {
                // One line: a block only when nothing follows its closing $$.
                if (!string.IsNullOrWhiteSpace(rest[(close + 2)..]) || string.IsNullOrWhiteSpace(rest[..close]))
                    return BlockState.None;
                var single = NewBlock(processor, "$$");
                single.AppendLine(rest[..close].Trim());
                processor.NewBlocks.Push(single);
                return BlockState.BreakDiscard;
            }
            end = "$$";
            first = rest;
        }
        else if (text.StartsWith("\\begin{", StringComparison.Ordinal) && text.IndexOf('}') is > 7 and var brace
            && Environments.Contains(text[7..brace]))
        {
            end = $"\\end{{{text[7..brace]}}}";
            first = text;
            if (text.Contains(end, StringComparison.Ordinal))
            {
                var single = NewBlock(processor, end);
                single.AppendLine(text.TrimEnd());
                processor.NewBlocks.Push(single);
                return BlockState.BreakDiscard;
            }
        }
        else
        {
            return BlockState.None;
        }

        var block = NewBlock(processor, end);
        if (!string.IsNullOrWhiteSpace(first))
            block.AppendLine(first.TrimEnd());
        processor.NewBlocks.Push(block);
        return BlockState.ContinueDiscard; // the lines are appended here, trimmed of their delimiters
    }

    public override BlockState TryContinue(BlockProcessor processor, Block block)
    {
        var math = (DisplayMath)block;
        var text = processor.Line.ToString().TrimEnd();
        if (math.End == "$$")
        {
            if (text.EndsWith("$$", StringComparison.Ordinal) && !text.EndsWith("\\$$", StringComparison.Ordinal))
            {
                if (text.Length > 2)
                    math.AppendLine(text[..^2].TrimEnd());
                math.UpdateSpanEnd(processor.Line.End);
                return BlockState.BreakDiscard;
            }
        }
        else if (text.Contains(math.End, StringComparison.Ordinal))
        {
            math.AppendLine(text);
            math.UpdateSpanEnd(processor.Line.End);
            return BlockState.BreakDiscard;
        }
        math.AppendLine(text);
        math.UpdateSpanEnd(processor.Line.End);
        return BlockState.ContinueDiscard;
    }

    /// <summary>The first <c>$$</c> not escaped, or -1.</summary>
    private static int IndexOfClosing(string text)
    {
        for (var i = 0; i < text.Length - 1; i++)
        {
            if (text[i] == '\\')
                i++;
            else if (text[i] == '$' && text[i + 1] == '$')
                return i;
        }
        return -1;
    }

    private DisplayMath NewBlock(BlockProcessor processor, string end)
    {
        var block = new DisplayMath(this, end)
        {
            Column = processor.Column,
            Line = processor.LineIndex,
            Span = new SourceSpan(processor.Line.Start, processor.Line.End),
            FencedChar = '$',
            OpeningFencedCharCount = 2,
            ClosingFencedCharCount = 2,
        };
        block.GetAttributes().AddClass("math");
        return block;
    }

    /// <summary>A display math block, and what ends it while it is open.</summary>
    internal sealed class DisplayMath(BlockParser parser, string end) : MathBlock(parser)
    {
        public string End { get; } = end;

        public void AppendLine(string line)
        {
            var slice = new StringSlice(line);
            AppendLine(ref slice, 0, Line, 0, false);
        }
    }
}
