using Markdig.Extensions.Mathematics;
using Markdig.Renderers;
using Markdig.Renderers.Html;

namespace Blog.Content;

/// <summary>
/// Writes inline math as <c>\(...\)</c> and display math written inline (<c>$$...$$</c>,
/// <c>\[...\]</c>) as <c>\[...\]</c>: the delimiters tell KaTeX which mode to use, and feed readers
/// without KaTeX still see readable LaTeX.
/// </summary>
internal sealed class MathInlineRenderer : HtmlObjectRenderer<MathInline>
{
    protected override void Write(HtmlRenderer renderer, MathInline math)
    {
        var display = math.DelimiterCount >= 2;
        if (display)
            math.GetAttributes().AddClass("math-display");
        renderer.Write("<span").WriteAttributes(math).Write(display ? ">\\[" : ">\\(");
        renderer.WriteEscape(ref math.Content);
        renderer.Write(display ? "\\]</span>" : "\\)</span>");
    }
}
