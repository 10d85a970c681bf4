using Markdig.Extensions.Tables;
using Markdig.Renderers;
using Markdig.Renderers.Html;

namespace Blog.Content;

/// <summary>Wraps tables in a scroll container so a wide table never widens the page on a phone.</summary>
internal sealed class ScrollingTableRenderer : HtmlTableRenderer
{
    protected override void Write(HtmlRenderer renderer, Table table)
    {
        renderer.EnsureLine();
        renderer.WriteLine("<div class=\"table-scroll\">");
        base.Write(renderer, table);
        renderer.WriteLine("</div>");
    }
}
