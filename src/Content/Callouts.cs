using System.Net;
using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Blog.Content;

/// <summary>The title line of a callout: GitHub's <c>&gt; [!NOTE]</c> and Obsidian's <c>&gt; [!TIP] 自己的标题</c> (also <c>[!WARNING]-</c>).</summary>
internal sealed class CalloutTitle : LeafInline
{
    public required string Kind { get; init; }

    public required string Title { get; init; }
}

/// <summary>
/// Reads <c>[!KIND] title</c> at the very start of a quote as a callout: the quote gets the classes
/// <c>callout callout-kind</c>, and the line becomes its title (the kind's name when it has none).
/// </summary>
internal sealed class CalloutParser : InlineParser
{
    public CalloutParser() => OpeningCharacters = ['['];

    public override bool Match(InlineProcessor processor, ref StringSlice slice)
    {
        if (slice.PeekChar() != '!' || processor.Block is not ParagraphBlock { Parent: QuoteBlock quote } paragraph
            || paragraph.Inline?.FirstChild is not null || quote.IndexOf(paragraph) != 0)
            return false;

        var text = slice.Text;
        var at = slice.Start + 2;
        var kindStart = at;
        while (at <= slice.End && char.IsAsciiLetter(text[at]))
            at++;
        if (at == kindStart || at > slice.End || text[at] != ']')
            return false;
        var kind = text[kindStart..at].ToLowerInvariant();
        at++;
        if (at <= slice.End && text[at] is '+' or '-')
            at++;
        var lineEnd = text.IndexOf('\n', at, slice.End - at + 1);
        var end = lineEnd < 0 ? slice.End + 1 : lineEnd;
        var title = text[at..end].Trim();

        quote.GetAttributes().AddClass("callout");
        quote.GetAttributes().AddClass("callout-" + kind);
        processor.Inline = new CalloutTitle { Kind = kind, Title = title.Length > 0 ? title : char.ToUpperInvariant(kind[0]) + kind[1..] };
        slice.Start = lineEnd < 0 ? end : lineEnd + 1;
        return true;
    }
}

internal sealed class CalloutTitleRenderer : HtmlObjectRenderer<CalloutTitle>
{
    protected override void Write(HtmlRenderer renderer, CalloutTitle title) =>
        renderer.Write("<strong class=\"callout-title\">").Write(WebUtility.HtmlEncode(title.Title)).Write("</strong><br>");
}
