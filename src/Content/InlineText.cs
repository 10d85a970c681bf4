using System.Text;
using Markdig.Extensions.Footnotes;
using Markdig.Extensions.Mathematics;
using Markdig.Syntax.Inlines;

namespace Blog.Content;

/// <summary>The readable text of inline Markdown: what a reader sees, without markup or images.</summary>
internal static class InlineText
{
    public static string Of(ContainerInline? container)
    {
        var sb = new StringBuilder();
        Append(sb, container);
        return sb.ToString().Trim();
    }

    private static void Append(StringBuilder sb, Inline? inline)
    {
        switch (inline)
        {
            case null:
                return;
            case LinkInline { IsImage: true }:
            case FootnoteLink:
                return;
            case LiteralInline literal:
                sb.Append(literal.Content.AsSpan());
                return;
            case CodeInline code:
                sb.Append(code.Content);
                return;
            case MathInline math:
                sb.Append(Formulas.TexText.Of(math.Content.ToString()));
                return;
            case AutolinkInline autolink:
                sb.Append(autolink.Url);
                return;
            case HtmlEntityInline entity:
                sb.Append(entity.Transcoded.AsSpan());
                return;
            case LineBreakInline:
                sb.Append(' ');
                return;
            case ContainerInline container:
                foreach (var child in container)
                    Append(sb, child);
                return;
        }
    }
}
