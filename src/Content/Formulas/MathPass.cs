using Markdig.Extensions.Mathematics;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Blog.Content.Formulas;

/// <summary>
/// Typesets a parsed note's formulas in document order, before its HTML is written: the order
/// matters to macros, and typesetting first keeps the HTML writers simple and the render's deadline
/// checked between formulas.
/// </summary>
internal static class MathPass
{
    private static readonly object Key = typeof(Typeset);

    /// <summary>What the note's math came to: formulas refused by KaTeX, and why none was typeset if the engine is missing.</summary>
    public readonly record struct Outcome(bool HasMath, int Errors, string? FirstError, string? Unavailable);

    public static Outcome Run(MarkdownDocument document, MathTypesetter typesetter, RenderDeadline? deadline)
    {
        NoteMath? note = null;
        foreach (var node in document.Descendants())
        {
            var (tex, display) = node switch
            {
                MathInline inline => (inline.Content.ToString(), inline.DelimiterCount >= 2),
                MathBlock block => (SourceOf(block), true),
                _ => ((string?)null, false),
            };
            // An image's alt text takes the formula as readable text (MathInlineRenderer): nothing to typeset, nor to count as refused.
            if (tex is null || node is MathInline { Parent: { } parent } && InAnImage(parent))
                continue;
            note ??= typesetter.BeginNote(deadline);
            node.SetData(Key, note.Typeset(tex, display));
        }
        return note is null ? default : new Outcome(true, note.Errors, note.FirstError, note.Unavailable);
    }

    private static bool InAnImage(ContainerInline? container)
    {
        for (; container is not null; container = container.Parent)
        {
            if (container is LinkInline { IsImage: true })
                return true;
        }
        return false;
    }

    public static Typeset? ResultOf(MarkdownObject node) => node.GetData(Key) is Typeset typeset ? typeset : null;

    public static string SourceOf(MathBlock block) => block.Lines.ToString().Trim();
}
