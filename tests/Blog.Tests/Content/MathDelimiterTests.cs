using AngleSharp.Html.Parser;
using Blog.Content;

namespace Blog.Tests.Content;

/// <summary>Math delimiters as Typora, docsify, Obsidian and GitHub writers use them.</summary>
public class MathDelimiterTests
{
    private static readonly MarkdownRenderer Renderer = new();

    private static string Html(string markdown) => Renderer.Render(markdown).Html;

    /// <summary>The TeX of every formula on the page, inline ones as \(...\), display ones as \[...\].</summary>
    private static List<string> Formulas(string markdown) =>
        new HtmlParser().ParseDocument(Html(markdown)).QuerySelectorAll(".math").Select(Source).ToList();

    /// <summary>A typeset formula's TeX (KaTeX keeps it in the MathML's annotation), in the delimiters of its mode.</summary>
    private static string Source(AngleSharp.Dom.IElement math)
    {
        var tex = (math.QuerySelector("annotation") ?? math.QuerySelector("code"))!.TextContent.Trim();
        return math.ClassList.Contains("math-display") ? $"\\[{tex}\\]" : $"\\({tex}\\)";
    }

    [Theory]
    [InlineData("给定数据集$D$，且样本数为$m$。", @"\(D\)", @"\(m\)")]
    [InlineData("其中$m$为样本数", @"\(m\)", null)]
    [InlineData("提到$F_{\\beta}$本质是加权调和平均", @"\(F_{\beta}\)", null)]
    [InlineData("（$x_i$）与「$y_i$」", @"\(x_i\)", @"\(y_i\)")]
    [InlineData("docsify 写法 $ x + y $ 也行", @"\(x + y\)", null)]
    [InlineData("GitHub 写法 $`\\sqrt{2}`$ 也行", @"\(\sqrt{2}\)", null)]
    [InlineData("奖励为 $-$1，终点为 $+$5", @"\(-\)", @"\(+\)")]
    [InlineData("最佳策略，即$ \\pi^{*}(s)=\\arg\\max_\\pi V_{\\pi}(s)$ 。", @"\(\pi^{*}(s)=\arg\max_\pi V_{\pi}(s)\)", null)]
    [InlineData("输入 $x $的形状为 $4\\times 4$", @"\(x\)", @"\(4\times 4\)")]
    public void DollarMath_AgainstCjkAndFullWidthPunctuation(string markdown, string first, string? second)
    {
        var formulas = Formulas(markdown);

        Assert.Equal(first, formulas[0]);
        if (second is not null)
            Assert.Equal(second, formulas[1]);
    }

    [Theory]
    [InlineData(@"价格是 \$5，不是公式")]
    [InlineData("买了 $5 and $10 的东西")]
    [InlineData("只有一个 $ 符号")]
    [InlineData("执行 echo $HOME and $PATH 即可")]
    [InlineData("开头 $a\n\n结尾 b$")]
    [InlineData("开头 $a\n# 标题 b$")]
    [InlineData("代码 $a `b$` c$")]
    public void WhatIsNotMath_StaysText(string markdown)
    {
        var result = Renderer.Render(markdown);

        Assert.Empty(Formulas(markdown));
        Assert.Contains("$", new HtmlParser().ParseDocument(result.Html).Body!.TextContent);
    }

    [Fact]
    public void EscapedBracketsAroundProseWithFormulas_StayBrackets()
    {
        var markdown = "称为样例集$D$\\[也叫观测集，注意与花体$\\mathcal{D}$的区别\\]。";

        Assert.Equal([@"\(D\)", @"\(\mathcal{D}\)"], Formulas(markdown));
        Assert.Contains("[也叫观测集，注意与花体", new HtmlParser().ParseDocument(Html(markdown)).Body!.TextContent);
    }

    [Fact]
    public void DollarInsideTextOfABracketFormula_StaysTex()
    {
        var formulas = Formulas(@"\[ f(x) = \begin{cases} 1 & \text{若 $x>0$} \\ 0 & \text{其他} \end{cases} \]");

        Assert.Contains(@"\text{若 $x>0$}", Assert.Single(formulas));
    }

    [Fact]
    public void MathInAnImagesAltText_IsReadableTextThere()
    {
        var html = Html(@"![损失 $L(\theta)$ 随步数 $t$ 下降](img/loss.png)");

        var alt = new HtmlParser().ParseDocument(html).QuerySelector("img")!.GetAttribute("alt")!;
        Assert.StartsWith("损失 L(θ) 随步数 t 下降", alt);
        Assert.DoesNotContain("katex", html);
    }

    [Fact]
    public void BrokenFormulaInAnImagesAltText_IsNoMathError()
    {
        // The reader sees text there, never KaTeX's box: nothing for the import report to count.
        var rendered = new MarkdownRenderer().Render(@"![梯度 $\frac{\partial L}{$ 的形状](img/grad.png)");

        Assert.Equal(0, rendered.MathErrors);
        Assert.False(rendered.HasMath);
    }

    [Fact]
    public void DisplayBlock_WithTexOnTheDelimiterLines()
    {
        var formulas = Formulas("推导如下：\n$$\\begin{aligned}\na &= b \\\\\n\n&= c\n\\end{aligned}$$\n之后的文字");

        Assert.Single(formulas);
        var tex = formulas[0].Replace("\n", "");
        Assert.StartsWith(@"\[\begin{aligned}", tex);
        Assert.Contains("a &= b \\\\", tex);
        Assert.EndsWith(@"\end{aligned}\]", tex);
        Assert.Contains("之后的文字", Html("推导如下：\n$$\\begin{aligned}\na &= b \\\\\n\n&= c\n\\end{aligned}$$\n之后的文字"));
    }

    [Fact]
    public void DisplayBlock_WithBlankLookingLinesInsideCasesAndMatrix_StaysOneFormula()
    {
        var formulas = Formulas("$$\nf(x)=\\begin{cases}\n1, & x>0 \\\\\n  \n0, & x \\le 0\n\\end{cases}\n$$\n\n$$\n\\begin{bmatrix}\n1 & 2 \\\\\n\n3 & 4\n\\end{bmatrix}\n$$\n");

        Assert.Equal(2, formulas.Count);
        Assert.Contains(@"\end{cases}", formulas[0]);
        Assert.Contains(@"\end{bmatrix}", formulas[1]);
    }

    [Fact]
    public void DisplayMath_InsideAParagraphAndAListItem()
    {
        var formulas = Formulas("损失为\n$$\nL = -\\sum_i y_i \\log p_i\n$$\n其中 $p_i$ 是概率。\n\n- 第一步：$$a_1 = 1$$\n- 第二步：\n  $$\n  a_2 = a_1 + 1\n  $$\n");

        Assert.Contains(formulas, f => f.Contains(@"L = -\sum_i y_i \log p_i") && f.StartsWith(@"\["));
        Assert.Contains(@"\(p_i\)", formulas);
        Assert.Contains(formulas, f => f.Contains("a_1 = 1") && f.StartsWith(@"\["));
        Assert.Contains(formulas, f => f.Contains("a_2 = a_1 + 1"));
        Assert.DoesNotContain("$", new HtmlParser().ParseDocument(Html("损失为\n$$\nL = 1\n$$\n其中")).Body!.TextContent);
    }

    [Fact]
    public void StandaloneEquationEnvironment_IsDisplayMath()
    {
        var formulas = Formulas("由此得到\n\n\\begin{equation}\nE = mc^2\n\n\\end{equation}\n\n结论。");

        Assert.Single(formulas);
        Assert.Contains(@"\begin{equation}", formulas[0]);
        Assert.Contains(@"\end{equation}", formulas[0]);
    }

    [Fact]
    public void GitHubMathFence_IsDisplayMath()
    {
        var result = Renderer.Render("```math\n\\frac{a}{b}\n```\n");

        Assert.Contains(@"\frac{a}{b}", Formulas("```math\n\\frac{a}{b}\n```\n").Single());
        Assert.DoesNotContain("<code", result.Html);
        Assert.False(result.HasCode);
    }

    [Theory]
    [InlineData(@"行内 $a_1 * b_1 * c_1$ 与 $x_2$", @"a_1 * b_1 * c_1")]
    [InlineData(@"换行 $a \\ b$", @"a \\ b")]
    [InlineData(@"集合 $\{x \mid x>0\}$", @"\{x \mid x&gt;0\}")]
    [InlineData("$$\n\\begin{aligned} a_{*} &= \\_b \\\\ c\\_d \\end{aligned}\n$$", @"a_{*} &amp;= \_b \\ c\_d")]
    public void Markdown_NeverTouchesTheTex(string markdown, string tex)
    {
        var html = Html(markdown);

        Assert.Contains(tex, html);
        Assert.DoesNotContain("<em>", html);
    }

    [Fact]
    public void PipeInsideMath_StaysInItsTableCell()
    {
        var page = new HtmlParser().ParseDocument(Html("| 名称 | 公式 |\n|---|---|\n| 条件概率 | $P(A|B)$ |\n| 范数 | $\\|x\\|_2$ |\n"));

        var cells = page.QuerySelectorAll("tbody td").Select(c => c.QuerySelector(".math") is { } math ? Source(math) : c.TextContent.Trim()).ToList();
        Assert.Equal(["条件概率", @"\(P(A|B)\)", "范数", @"\(\|x\|_2\)"], cells);
    }
}
