using AngleSharp.Html.Parser;
using Blog.Content;

namespace Blog.Tests.Content;

/// <summary>Chinese emphasis, highlights, callouts, [TOC] and docsify's markers as their editors show them.</summary>
public class NoteMarkersTests
{
    private static readonly MarkdownRenderer Renderer = new();

    private static AngleSharp.Html.Dom.IHtmlDocument Page(string markdown) => new HtmlParser().ParseDocument(Renderer.Render(markdown).Html);

    [Theory]
    [InlineData("**强化学习（RL）**讨论的是决策", "强化学习（RL）")]
    [InlineData("**注意：**这里的损失不同", "注意：")]
    [InlineData("模型「**过拟合**」了", "过拟合")]
    public void ChineseStrongEmphasis_IsBold(string markdown, string bold)
    {
        var page = Page(markdown);

        Assert.Equal(bold, page.QuerySelector("strong")!.TextContent);
        Assert.DoesNotContain("**", page.Body!.TextContent);
    }

    [Fact]
    public void StrongClosedAfterASpace_IsBoldAsTyporaShowsIt()
    {
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(Renderer.Render("早期协议有 **FTP（文件传输协议） **和 **Archie **，以及 `a ** b` 与 \\*\\* 星号。").Html);

        Assert.Equal(["FTP（文件传输协议） ", "Archie "], page.QuerySelectorAll("strong").Select(s => s.TextContent));
        Assert.Contains("**", page.Body!.TextContent); // the code span's and the escaped ones stay as typed
        Assert.DoesNotContain("**和", page.Body!.TextContent);
    }

    [Fact]
    public void ChineseEmphasis_IsItalic()
    {
        Assert.Equal("斜体", Page("这是*斜体*的字").QuerySelector("em")!.TextContent);
    }

    [Fact]
    public void Highlight_IsMarked()
    {
        Assert.Equal("重点内容", Page("这是==重点内容==，要记住").QuerySelector("mark")!.TextContent);
    }

    [Theory]
    [InlineData("> [!NOTE]\n> 注意梯度消失。", "callout-note", "Note")]
    [InlineData("> [!TIP] 小技巧\n> 先归一化再训练。", "callout-tip", "小技巧")]
    [InlineData("> [!WARNING]- 可折叠的警告\n> 学习率太大会发散。", "callout-warning", "可折叠的警告")]
    public void Callouts_GetTheirKindAndTitle(string markdown, string kind, string title)
    {
        var quote = Page(markdown).QuerySelector("blockquote")!;

        Assert.Contains(kind, quote.ClassList);
        Assert.Equal(title, quote.QuerySelector(".callout-title")!.TextContent);
        Assert.DoesNotContain("[!", quote.TextContent);
    }

    [Fact]
    public void TyporaTocMarker_BecomesTheTableOfContents()
    {
        var page = Page("[TOC]\n\n## 一、背景\n\n文字\n\n## 二、方法\n");

        var links = page.QuerySelectorAll("nav.toc a").Select(a => a.TextContent).ToList();
        Assert.Equal(["一、背景", "二、方法"], links);
        Assert.DoesNotContain("[TOC]", page.Body!.TextContent);
    }

    [Fact]
    public void DocsifyMarkers_NeverReachHeadingsOrAnchors()
    {
        var result = Renderer.Render("## 习题 {docsify-ignore}\n\n## 参考文献 {docsify-ignore-all}\n\n## 小结\n");
        var page = new HtmlParser().ParseDocument(result.Html);

        Assert.Equal(["习题", "参考文献", "小结"], page.QuerySelectorAll("h2").Select(h => h.TextContent));
        Assert.Equal("习题", page.QuerySelector("h2")!.Id);
        Assert.DoesNotContain("docsify", result.TocHtml);
    }
}
