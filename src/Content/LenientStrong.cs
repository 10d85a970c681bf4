using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Blog.Content;

/// <summary>
/// <c>**协议 **</c>: Typora makes this bold although CommonMark does not (a space before the closing
/// <c>**</c> keeps it from closing), and notes written in Typora are full of it. After parsing, an
/// unmatched <c>**</c> followed by text pairs with the next unmatched <c>**</c> of the same line of
/// inlines that comes right after a space; the text between becomes strong.
/// </summary>
internal static class LenientStrong
{
    public static void Apply(MarkdownDocument document)
    {
        foreach (var leaf in document.Descendants<LeafBlock>())
        {
            if (leaf.Inline is null)
                continue;
            // The leaf's own container is not among its descendants.
            foreach (var container in leaf.Inline.Descendants<ContainerInline>().Prepend(leaf.Inline).ToList())
                Pair(container);
        }
    }

    private static void Pair(ContainerInline container)
    {
        for (var child = container.FirstChild; child is not null; child = child.NextSibling)
        {
            if (!IsStars(child) || child.NextSibling is not LiteralInline first || first.Content.IsEmpty
                || char.IsWhiteSpace(first.Content.CurrentChar) || Closer(child) is not { } closer)
                continue;
            var strong = new EmphasisInline { DelimiterChar = '*', DelimiterCount = 2, Span = new SourceSpan(child.Span.Start, closer.Span.End) };
            child.ReplaceBy(strong);
            for (Inline? inner = first; inner is not null && inner != closer;)
            {
                var next = inner.NextSibling;
                inner.Remove();
                strong.AppendChild(inner);
                inner = next;
            }
            closer.Remove();
            child = strong;
        }
    }

    /// <summary>The next unmatched <c>**</c> after <paramref name="opener"/>, when a space comes before it; null otherwise.</summary>
    private static Inline? Closer(Inline opener)
    {
        for (var inline = opener.NextSibling; inline is not null; inline = inline.NextSibling)
        {
            if (IsStars(inline))
                return inline.PreviousSibling is LiteralInline { Content.Length: > 0 } before && char.IsWhiteSpace(before.Content.Text[before.Content.End]) ? inline : null;
        }
        return null;
    }

    // What the emphasis parser leaves of a ** it could not pair: a literal of its own.
    private static bool IsStars(Inline inline) =>
        inline is LiteralInline { IsFirstCharacterEscaped: false } literal && literal.Content.Length == 2 && literal.Content.Match("**");
}
