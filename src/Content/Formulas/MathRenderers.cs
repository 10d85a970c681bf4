using System.Net;
using System.Text;
using Markdig.Extensions.Mathematics;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace Blog.Content.Formulas;

/// <summary>
/// Writes formulas as KaTeX typeset them before the render (see <see cref="MathPass"/>): HTML for
/// the eye and MathML for screen readers and feeds, so pages need no math script. A display
/// formula sits in a box of its own that scrolls sideways when it is wider than the screen. A
/// formula KaTeX refused is shown as its source in a marked box, with KaTeX's message.
/// </summary>
internal static class MathHtml
{
    public static void Write(HtmlRenderer renderer, MarkdownObject node, string tex, bool display, string element)
    {
        var typeset = MathPass.ResultOf(node) ?? new Typeset(null, "This formula was not typeset.");
        List<string> classes = ["math", .. (node.GetAttributes().Classes ?? []).Where(c => c != "math")];
        if (display && !classes.Contains("math-display"))
            classes.Add("math-display");
        if (typeset.Failed)
            classes.Add("math-error");

        var html = new StringBuilder(typeset.Html?.Length + 64 ?? tex.Length * 2 + 256);
        html.Append('<').Append(element).Append(" class=\"").Append(string.Join(' ', classes)).Append('"');
        if (typeset.Failed)
        {
            html.Append(" title=\"").Append(WebUtility.HtmlEncode(typeset.Error)).Append("\"><code>").Append(WebUtility.HtmlEncode(tex))
                .Append("</code><span class=\"math-error-message\">").Append(WebUtility.HtmlEncode(typeset.Error)).Append("</span>");
        }
        else
        {
            html.Append('>').Append(typeset.Html);
        }
        html.Append("</").Append(element).Append('>');
        // KaTeX's output (inline styles, MathML) must reach the page as KaTeX wrote it: past the note's sanitizer.
        TrustedHtml.Write(renderer, html.ToString());
        if (element == "div")
            renderer.WriteLine();
    }
}

/// <summary><c>$...$</c>, <c>\(...\)</c>, and display math written inline (<c>$$...$$</c>, <c>\[...\]</c>).</summary>
internal sealed class MathInlineRenderer : HtmlObjectRenderer<MathInline>
{
    protected override void Write(HtmlRenderer renderer, MathInline math)
    {
        // Where no markup may go (an image's alt text), the formula as readable text: "损失 L(θ) 曲线".
        if (!renderer.EnableHtmlForInline)
            renderer.WriteEscape(TexText.Of(math.Content.ToString()));
        else
            MathHtml.Write(renderer, math, math.Content.ToString(), math.DelimiterCount >= 2, "span");
    }
}

/// <summary>A <c>$$</c> block (and whatever else the parser makes a math block).</summary>
internal sealed class MathBlockRenderer : HtmlObjectRenderer<MathBlock>
{
    protected override void Write(HtmlRenderer renderer, MathBlock math)
    {
        renderer.EnsureLine();
        MathHtml.Write(renderer, math, MathPass.SourceOf(math), true, "div");
    }
}
