using Blog.Content;

namespace Blog.Tests.Content;

public class ExcerptTests
{
    private static readonly MarkdownRenderer Renderer = new();

    private static string Excerpt(string markdown) => Renderer.Render(markdown).Excerpt;

    private static string Body(string excerpt)
    {
        Assert.EndsWith(Excerpts.Ellipsis, excerpt);
        return excerpt[..^Excerpts.Ellipsis.Length];
    }

    [Fact]
    public void ChineseText_IsCutAtTwoHundredCharacters()
    {
        var text = string.Concat(Enumerable.Repeat("大模型的幻觉问题值得研究。", 40));

        var body = Body(Excerpt(text));

        Assert.Equal(200, body.Length);
        Assert.StartsWith("大模型的幻觉问题", body);
    }

    [Fact]
    public void LatinWords_AreNeverCut()
    {
        var text = string.Concat(Enumerable.Repeat("transformer attention ", 30));

        var body = Body(Excerpt(text));

        Assert.True(body.Length <= 200);
        Assert.Matches(@"^(transformer attention ?)+(transformer)?$", body);
        Assert.All(body.Split(' '), w => Assert.Contains(w, new[] { "transformer", "attention" }));
    }

    [Fact]
    public void Formula_IsNeverCut()
    {
        var text = new string('字', 190) + " $\\sum_{i=1}^{n} x_i^2 + y_i^2$ 之后";

        var body = Body(Excerpt(text));

        Assert.DoesNotContain("$", body);
        Assert.Equal(new string('字', 190), body);
    }

    [Fact]
    public void InlineFormula_ReadsAsText_WithoutTex()
    {
        Assert.Equal("设 x_i 为输入...", Excerpt("设 $x_i$ 为输入"));
        Assert.Equal("缩放 1/√d_k 与 N × N 的矩阵...", Excerpt("缩放 $\\frac{1}{\\sqrt{d_k}}$ 与 $N \\times N$ 的矩阵"));
        Assert.Equal("注意力 softmax(QKᵀ/√d_k)V...", Excerpt("注意力 \\(\\mathrm{softmax}(QK^\\top/\\sqrt{d_k})V\\)"));
    }

    [Fact]
    public void LinkText_IsNeverCut()
    {
        var text = new string('字', 195) + "[一个很长的链接文字](https://example.org)";

        var body = Body(Excerpt(text));

        Assert.Equal(new string('字', 195), body);
    }

    [Fact]
    public void SurrogatePairs_CountAsOneAndAreNeverSplit()
    {
        var text = string.Concat(Enumerable.Repeat("𠀀", 250));

        var body = Body(Excerpt(text));

        Assert.Equal(400, body.Length);
        Assert.Equal(200, Cjk.VisibleLength(body));
    }

    [Fact]
    public void HeadingsCodeImagesAndDisplayMath_AreLeftOut()
    {
        var markdown = "# 标题\n\n![图](/a.png)\n\n```python\nprint('代码')\n```\n\n$$\nE=mc^2\n$$\n\n## 小节\n\n正文内容";

        Assert.Equal("正文内容...", Excerpt(markdown));
    }

    [Fact]
    public void ChineseAcrossSoftLineBreaks_GetsNoSpace()
    {
        Assert.Equal("第一行第二行...", Excerpt("第一行\n第二行"));
    }

    [Fact]
    public void AuthorsSummary_Wins()
    {
        Assert.Equal("作者写的摘要", Excerpts.Choose(" 作者写的摘要 ", "计算的摘要..."));
        Assert.Equal("计算的摘要...", Excerpts.Choose(null, "计算的摘要..."));
    }
}
