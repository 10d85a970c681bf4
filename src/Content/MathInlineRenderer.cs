using System.Text;
using Markdig.Extensions.Mathematics;
using Markdig.Renderers;
using Markdig.Renderers.Html;

namespace Blog.Content;

/// <summary>
/// Writes inline math as <c>\(...\)</c> and display math written inline (<c>$$...$$</c>,
/// <c>\[...\]</c>) as <c>\[...\]</c>: the delimiters tell KaTeX which mode to use, and feed readers
/// without KaTeX still see readable LaTeX. Handed over as <see cref="TrustedHtml"/>, so the
/// sanitizer never sees (or rewrites) the TeX.
/// </summary>
internal sealed class MathInlineRenderer : HtmlObjectRenderer<MathInline>
{
    protected override void Write(HtmlRenderer renderer, MathInline math)
    {
        var display = math.DelimiterCount >= 2;
        var sb = new StringBuilder(math.Content.Length + 48);
        sb.Append(display ? "<span class=\"math math-display\">\\[" : "<span class=\"math\">\\(");
        foreach (var c in math.Content.AsSpan())
        {
            _ = c switch
            {
                '<' => sb.Append("&lt;"),
                '>' => sb.Append("&gt;"),
                '&' => sb.Append("&amp;"),
                '"' => sb.Append("&quot;"),
                _ => sb.Append(c),
            };
        }
        sb.Append(display ? "\\]</span>" : "\\)</span>");
        TrustedHtml.Write(renderer, sb.ToString());
    }
}
