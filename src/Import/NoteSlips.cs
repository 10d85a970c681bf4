using System.Text;
using System.Text.RegularExpressions;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Blog.Import;

/// <summary>
/// Slips in a note's own text that its author's editor shows broken too, so the import report can
/// name them: TeX outside any formula (a <c>$</c> left out, or one never closed) and <c>**</c> that
/// pairs with nothing. Both reach the page as typed, as they did in Typora.
/// </summary>
internal static partial class NoteSlips
{
    public static IEnumerable<ImportMessage> Find(MarkdownDocument document)
    {
        string? tex = null, stars = null;
        foreach (var leaf in document.Descendants<LeafBlock>())
        {
            if (leaf.Inline is null || (tex is not null && stars is not null))
                continue;
            var text = TextOf(leaf.Inline);
            if (tex is null && TexCommand().Match(text) is { Success: true } command)
                tex = Around(text, command.Index);
            if (stars is null && text.IndexOf("**", StringComparison.Ordinal) is var at and >= 0)
                stars = Around(text, at);
        }
        if (tex is not null)
            yield return new("TeX outside any formula is shown as typed (a $ missing?): \"{0}\"", tex);
        if (stars is not null)
            yield return new("** that pairs with nothing is shown as typed: \"{0}\"", stars);
    }

    /// <summary>The leaf's literal text, formulas, code and links' targets left out; an escaped character (<c>\*</c>) stands as a mark.</summary>
    private static string TextOf(ContainerInline container)
    {
        var sb = new StringBuilder();
        foreach (var literal in container.Descendants<LiteralInline>())
        {
            var content = literal.Content.AsSpan();
            if (literal.IsFirstCharacterEscaped && content.Length > 0)
            {
                sb.Append('\uFFFC'); // typed as \*: meant as it shows
                content = content[1..];
            }
            sb.Append(content);
        }
        return sb.ToString();
    }

    private static string Around(string text, int at)
    {
        var start = Math.Max(0, at - 10);
        var excerpt = text.Substring(start, Math.Min(text.Length - start, 40)).ReplaceLineEndings(" ");
        return (start > 0 ? "…" : "") + excerpt + (start + 40 < text.Length ? "…" : "");
    }

    // Commands that mean math and nothing else, or TeX's sub/superscript groups.
    [GeneratedRegex(@"\\(?:frac|dfrac|sum|prod|int|mathbb|mathcal|mathbf|mathrm|boldsymbol|alpha|beta|gamma|theta|lambda|sigma|partial|nabla|infty|cdot|times|leq|geq|neq|left|right|begin|end)\b|[_^]\{[^}\s]*\}")]
    private static partial Regex TexCommand();
}
