using Blog.Content;

namespace Blog.Tests.Content;

public class MarkdownRendererTests
{
    private static readonly MarkdownRenderer Renderer = new();

    [Theory]
    [InlineData("公式 $a_1 + b_1$ 与 $a_2 + b_2$", @"\(a_1 + b_1\)")]
    [InlineData("星号 $x^*_i$ 和 $y^*_j$ 不是强调", @"\(x^*_i\)")]
    [InlineData(@"集合 $\{a\}$ 的花括号", @"\(\{a\}\)")]
    [InlineData(@"括号写法 \(a_1 + b_1\) 与 \(c_1\)", @"\(a_1 + b_1\)")]
    [InlineData(@"独立公式 \[\sum_{i=1}^n x_i^*\] 结束", @"\[\sum_{i=1}^n x_i^*\]")]
    [InlineData("行内 $$E = mc^2$$ 展示", @"\[E = mc^2\]")]
    public void Math_KeepsLatexIntact(string markdown, string expected)
    {
        var html = Renderer.Render(markdown).Html;

        Assert.Contains(expected, html);
        Assert.DoesNotContain("<em>", html);
        Assert.True(Renderer.Render(markdown).HasMath);
    }

    [Fact]
    public void MathBlock_IsRenderedAsDisplayMath()
    {
        var result = Renderer.Render("损失函数：\n\n$$\n\\mathcal{L} = -\\sum_i y_i \\log p_i\n$$\n");

        Assert.Contains("<div class=\"math\">", result.Html);
        Assert.Contains(@"\mathcal{L} = -\sum_i y_i \log p_i", result.Html);
    }

    [Fact]
    public void Headings_GetUniqueAnchorsThatKeepChinese()
    {
        var html = Renderer.Render("## 1. 幻觉 LoRA\n\n## 注意力\n\n## 注意力\n").Html;

        Assert.Contains("id=\"1-幻觉-lora\"", html);
        Assert.Contains("id=\"注意力\"", html);
        Assert.Contains("id=\"注意力-2\"", html);
    }

    [Fact]
    public void Toc_AppearsWithThreeHeadingsAndShowsAuthorsNumbering()
    {
        var result = Renderer.Render("## 1. 引言\n\n文字\n\n### 1.1 背景\n\n## 2. 方法\n\n### 2.3 训练\n");

        Assert.Contains("<nav class=\"toc\"", result.TocHtml);
        Assert.Contains("<a href=\"#1-引言\">1. 引言</a>", result.TocHtml);
        Assert.Contains(">2.3 训练</a>", result.TocHtml);
        Assert.DoesNotContain("<ol", result.TocHtml);
        Assert.Equal(result.TocHtml.Split("<ul>").Length, result.TocHtml.Split("</ul>").Length);
    }

    [Fact]
    public void Toc_IsLeftOutWithFewerThanThreeHeadings()
    {
        Assert.Equal("", Renderer.Render("## 一\n\n## 二\n").TocHtml);
    }

    [Theory]
    [InlineData("[点我](javascript:alert(1))")]
    [InlineData("[点我](JaVaScRiPt:alert(1))")]
    [InlineData("[点我](java\tscript:alert(1))")]
    [InlineData("[点我](&#106;avascript:alert(1))")]
    [InlineData("[点我](vbscript:msgbox(1))")]
    [InlineData("[点我](data:text/html;base64,PHNjcmlwdD4=)")]
    [InlineData("<javascript:alert(1)>")]
    [InlineData("![图](javascript:alert(1))")]
    [InlineData("[点我][x]\n\n[x]: javascript:alert(1)")]
    public void UnsafeLinks_AreNeutralized(string markdown)
    {
        var html = Renderer.Render(markdown).Html;
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);

        var urls = document.QuerySelectorAll("[href], [src]")
            .Select(e => e.GetAttribute("href") ?? e.GetAttribute("src") ?? "")
            .Select(u => new string(u.Where(c => c > ' ').ToArray()).ToLowerInvariant());
        Assert.All(urls, u => Assert.DoesNotMatch("^(javascript|vbscript|data):", u));
    }

    [Theory]
    [InlineData("[论文](https://example.org/paper)", "href=\"https://example.org/paper\"")]
    [InlineData("[上一篇](/posts/注意力)", "href=\"/posts/%E6%B3%A8%E6%84%8F%E5%8A%9B\"")]
    [InlineData("[写信](mailto:a@example.org)", "href=\"mailto:a@example.org\"")]
    [InlineData("[相对](notes/a.md?x=1:2)", "href=\"notes/a.md?x=1:2\"")]
    public void SafeLinks_AreKept(string markdown, string expected)
    {
        Assert.Contains(expected, Renderer.Render(markdown).Html);
    }

    [Fact]
    public void RawHtml_LosesScriptsAndHandlers()
    {
        var html = Renderer.Render("<script>alert(1)</script>\n\n段落里的 <img src=x onerror=alert(1)> 标签").Html;

        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("alert", html);
        Assert.Contains("<img src=\"x\">", html);
    }

    [Fact]
    public void DeepNesting_IsReportedAndTheTextKept()
    {
        var markdown = new string('>', 200) + " 太深了";

        var result = Renderer.Render(markdown);

        Assert.NotNull(result.Error);
        Assert.Contains("too deeply", result.Error);
        Assert.Contains("太深了", result.Html);
    }

    [Fact]
    public void GitHubExtensions_AreRendered()
    {
        var html = Renderer.Render(
            "| 模型 | 参数 |\n|---|---|\n| GPT | 175B |\n\n- [x] 完成\n- [ ] 待办\n\n~~删除~~ 与 https://example.org 和脚注[^1]\n\n[^1]: 注释内容\n").Html;

        Assert.Contains("<div class=\"table-scroll\">", html);
        Assert.Contains("<table>", html);
        Assert.Contains("type=\"checkbox\"", html);
        Assert.Contains("<del>删除</del>", html);
        Assert.Contains("<a href=\"https://example.org\">", html);
        Assert.Contains("class=\"footnotes\"", html);
    }

    [Fact]
    public void CodeWithLanguage_IsMarkedForHighlighting()
    {
        var result = Renderer.Render("```python\nimport torch.nn as nn\n```\n");

        Assert.True(result.HasCode);
        Assert.False(result.HasMath);
        Assert.Contains("class=\"language-python\"", result.Html);
    }

    [Fact]
    public void Images_AreLazyAndTheFirstIsTheCover()
    {
        var result = Renderer.Render("![架构图](/media/a.png)\n\n![第二张](/media/b.png)");

        Assert.Contains("loading=\"lazy\"", result.Html);
        Assert.Equal("/media/a.png", result.FirstImage);
    }

    [Fact]
    public void ReadingTime_CountsChineseCharacters()
    {
        var result = Renderer.Render(string.Concat(Enumerable.Repeat("注意力机制是深度学习的核心。", 100)));

        Assert.Equal(1400, result.WordCount);
        Assert.Equal(5, result.ReadingMinutes);
    }
}
