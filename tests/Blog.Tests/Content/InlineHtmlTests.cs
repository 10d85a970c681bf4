using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Blog.Content;

namespace Blog.Tests.Content;

/// <summary>The inline HTML that Typora and Obsidian notes contain is rendered; anything that could run is not.</summary>
public class InlineHtmlTests
{
    private static readonly MarkdownRenderer Renderer = new();

    private static IDocument Render(string markdown) => new HtmlParser().ParseDocument(Renderer.Render(markdown).Html);

    [Fact]
    public void TyporaResizedImage_KeepsItsZoomAndSize()
    {
        var page = Render("如图所示：\n\n<img src=\"assets/image-20240510091624087.png\" alt=\"注意力\" style=\"zoom:50%;\" />\n\n<div align=center><img src=\"img/a.png\" width=\"300\" height=\"200\"></div>\n");

        var zoomed = page.QuerySelector("img[alt='注意力']")!;
        Assert.Equal("assets/image-20240510091624087.png", zoomed.GetAttribute("src"));
        Assert.Contains("zoom", zoomed.GetAttribute("style"));
        Assert.Contains("50%", zoomed.GetAttribute("style"));
        var centred = page.QuerySelector("div[align='center'] img")!;
        Assert.Equal("300", centred.GetAttribute("width"));
        Assert.Equal("200", centred.GetAttribute("height"));
    }

    [Fact]
    public void EverydayInlineHtml_IsRendered()
    {
        var page = Render(
            "公式编号<sup>[1]</sup>与 H<sub>2</sub>O，按 <kbd>Ctrl</kbd>+<kbd>C</kbd>，<mark>重点</mark>、<u>下划线</u>、"
            + "<font color=red>红字</font>、<span style=\"color:#f00\">也红</span>，空格&emsp;在此<br>换行。\n\n"
            + "<details>\n<summary>展开答案</summary>\n\n答案是 42。\n\n</details>\n\n"
            + "<center>居中的说明</center>\n\n<p align=\"right\">右对齐</p>\n\n"
            + "<figure><img src=\"a.png\"><figcaption>图 1：结构</figcaption></figure>\n\n"
            + "<table><tr><th>模型</th><td>参数</td></tr></table>\n");

        Assert.Equal("[1]", page.QuerySelector("sup")!.TextContent);
        Assert.Equal("2", page.QuerySelector("sub")!.TextContent);
        Assert.Equal(2, page.QuerySelectorAll("kbd").Length);
        Assert.NotNull(page.QuerySelector("mark"));
        Assert.NotNull(page.QuerySelector("u"));
        Assert.Equal("red", page.QuerySelector("font")!.GetAttribute("color"));
        Assert.Contains("color", page.QuerySelector("span[style]")!.GetAttribute("style"));
        Assert.Contains("\u2003", page.Body!.TextContent);
        Assert.NotNull(page.QuerySelector("p br"));
        Assert.Equal("展开答案", page.QuerySelector("details summary")!.TextContent);
        Assert.NotNull(page.QuerySelector("center"));
        Assert.Equal("right", page.QuerySelector("p[align]")!.GetAttribute("align"));
        Assert.Equal("图 1：结构", page.QuerySelector("figure figcaption")!.TextContent);
        Assert.Equal("参数", page.QuerySelector("table td")!.TextContent);
        Assert.DoesNotContain("&lt;", page.Body!.InnerHtml);
    }

    [Theory]
    [InlineData("<center><img src=\"img/roc.png\" width=\"300\"/></center>\n由图可知 $\\text{AUC}$ 是 **曲线下面积**。\n")]
    [InlineData("<img src=\"assets/image-20240510091624087.png\" style=\"zoom:50%;\" />\n由图可知 $\\text{AUC}$ 是 **曲线下面积**。\n")]
    public void TextRightAfterAWholeHtmlElement_IsMarkdown(string markdown)
    {
        var page = Render(markdown);
        Assert.NotNull(page.QuerySelector("img"));
        Assert.Equal("曲线下面积", page.QuerySelector("p strong")?.TextContent);
        Assert.NotNull(page.QuerySelector("p .math .katex"));
        Assert.DoesNotContain("$", page.Body!.TextContent);
    }

    [Fact]
    public void HtmlBlockOpenOverSeveralLines_StaysOneBlock()
    {
        var page = Render("<div align=center>\n<img src=\"a.png\">\n图 1 **不是强调**\n</div>\n");

        Assert.NotNull(page.QuerySelector("div[align] img"));
        Assert.Null(page.QuerySelector("strong"));
    }

    [Theory]
    [InlineData("<!-- 这段还没写完 -->\n\n正文")]
    [InlineData("正文 <!-- 行内的注释 --> 继续")]
    [InlineData("正文\n\n<!--\n多行\n注释\n-->\n")]
    public void HtmlComments_AreNeverShown(string markdown)
    {
        var html = Renderer.Render(markdown).Html;

        Assert.DoesNotContain("注释", html);
        Assert.DoesNotContain("没写完", html);
        Assert.DoesNotContain("&lt;!--", html);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>\n\n段落", "alert")]
    [InlineData("段落里的 <img src=x onerror=alert(1)> 标签", "onerror")]
    [InlineData("<a href=\"javascript:alert(1)\">点我</a>", "javascript")]
    [InlineData("<a href=\"JaVa&#x09;ScRiPt:alert(1)\">点我</a>", "script")]
    [InlineData("<iframe src=\"https://example.org\"></iframe>", "iframe")]
    [InlineData("<form action=\"/admin\"><input type=submit></form>", "form")]
    [InlineData("<div style=\"position:fixed;top:0;left:0;width:100%;height:100%\">遮罩</div>", "position")]
    [InlineData("<span style=\"background:url(javascript:alert(1))\">背景</span>", "url(")]
    [InlineData("<a href=\"data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;\">点我</a>", "data:")]
    [InlineData("<svg><script>alert(1)</script></svg>", "alert")]
    [InlineData("<style>body{display:none}</style>正文", "display")]
    [InlineData("<object data=\"x.swf\"></object>", "object")]
    [InlineData("<meta http-equiv=\"refresh\" content=\"0;url=https://example.org\">", "refresh")]
    public void DangerousHtml_IsRemoved(string markdown, string forbidden)
    {
        var html = Renderer.Render(markdown).Html;

        Assert.DoesNotContain(forbidden, html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void RasterDataImage_IsKept_ButOtherDataUrlsAreNot()
    {
        var page = Render("<img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"截图\"> <img src=\"data:image/svg+xml;base64,PHN2Zz4=\" alt=\"矢量\">");

        Assert.StartsWith("data:image/png", page.QuerySelector("img[alt='截图']")!.GetAttribute("src"));
        Assert.Null(page.QuerySelector("img[alt='矢量']")!.GetAttribute("src"));
    }

    [Fact]
    public void MathBesideHtml_KeepsItsTexUntouched()
    {
        var html = Renderer.Render("当 $a<b \\quad \\text{且} \\; c>d$ 时<sup>2</sup>").Html;

        Assert.Contains(@"<annotation encoding=""application/x-tex"">a&lt;b \quad \text{且} \; c&gt;d</annotation>", html);
        Assert.Contains("<sup>2</sup>", html);
    }

    [Fact]
    public void PlaceholderCharactersTypedByTheAuthor_CannotCopyTrustedHtml()
    {
        var html = Renderer.Render("公式 $x$ 之后 \uFDD00\uFDD1 和 \uFDD00\uFDD1 <b>粗</b>").Html;

        Assert.Single(new HtmlParser().ParseDocument(html).QuerySelectorAll(".math"));
        Assert.DoesNotContain('\uFDD0', html);
    }
}
