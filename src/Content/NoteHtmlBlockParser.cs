using System.Text.RegularExpressions;
using Markdig.Parsers;
using Markdig.Syntax;

namespace Blog.Content;

/// <summary>
/// CommonMark's HTML blocks, except that a line holding one whole element (<c>&lt;center&gt;&lt;img
/// src=…&gt;&lt;/center&gt;</c>, a lone <c>&lt;img … /&gt;</c>) ends its block when Markdown text
/// follows on the next line. CommonMark would keep that text as raw HTML up to the next blank line,
/// showing its <c>$…$</c> and <c>**</c> as typed; docsify's math plugins typeset it anyway, and the
/// note's author, writing a figure then its explanation, meant a paragraph.
/// </summary>
internal sealed partial class NoteHtmlBlockParser : HtmlBlockParser
{
    public override BlockState TryContinue(BlockProcessor processor, Block block)
    {
        if (block is HtmlBlock { Type: HtmlBlockType.InterruptingBlock or HtmlBlockType.NonInterruptingBlock } html
            && html.Lines.Count == 1 && !processor.IsBlankLine && !StartsWithTag(processor)
            && WholeElement().IsMatch(html.Lines.Lines[0].Slice.AsSpan()))
            return BlockState.None; // the block is not continued: the line opens a paragraph (Break would keep it)
        return base.TryContinue(processor, block);
    }

    private static bool StartsWithTag(BlockProcessor processor)
    {
        var line = processor.Line;
        line.TrimStart();
        return line.CurrentChar == '<';
    }

    /// <summary>An element opened and closed on the line, or only void elements (<c>img</c>, <c>br</c>).</summary>
    [GeneratedRegex(@"^\s*(?:<([a-z][a-z0-9]*)\b[^>]*>.*</\1\s*>|(?:<(?:img|br|hr)\b[^>]*>\s*)+)\s*$", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex WholeElement();
}
