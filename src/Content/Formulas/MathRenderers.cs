using System.Net;
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
        var attributes = node.GetAttributes();
        if (display)
            attributes.AddClass("math-display");
        var typeset = MathPass.ResultOf(node) ?? new Typeset(null, "This formula was not typeset.");
        if (typeset.Failed)
        {
            attributes.AddClass("math-error");
            attributes.AddProperty("title", typeset.Error!);
        }
        renderer.Write('<').Write(element).WriteAttributes(node).Write('>');
        if (typeset.Failed)
        {
            renderer.Write("<code>").Write(WebUtility.HtmlEncode(tex)).Write("</code>");
            renderer.Write("<span class=\"math-error-message\">").Write(WebUtility.HtmlEncode(typeset.Error!)).Write("</span>");
        }
        else
        {
            renderer.Write(typeset.Html);
        }
        renderer.Write("</").Write(element).Write('>');
        if (element == "div")
            renderer.WriteLine();
    }
}

/// <summary><c>$...$</c>, <c>\(...\)</c>, and display math written inline (<c>$$...$$</c>, <c>\[...\]</c>).</summary>
internal sealed class MathInlineRenderer : HtmlObjectRenderer<MathInline>
{
    protected override void Write(HtmlRenderer renderer, MathInline math) =>
        MathHtml.Write(renderer, math, math.Content.ToString(), math.DelimiterCount >= 2, "span");
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
