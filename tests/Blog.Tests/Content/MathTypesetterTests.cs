using Blog.Content;
using Blog.Content.Formulas;
using Microsoft.Extensions.Logging;

namespace Blog.Tests.Content;

/// <summary>Formulas typeset by KaTeX on the server, at render time.</summary>
public class MathTypesetterTests
{
    private static readonly MarkdownRenderer Renderer = new();

    [Fact]
    public void InlineFormula_IsTypesetAsHtmlAndMathMl_WithoutTexDelimiters()
    {
        var html = Renderer.Render("注意力 $\\mathrm{softmax}(QK^\\top/\\sqrt{d_k})V$ 的定义。").Html;

        Assert.Contains("<span class=\"math\"><span class=\"katex\">", html);
        Assert.Contains("<math xmlns=\"http://www.w3.org/1998/Math/MathML\">", html);
        Assert.Contains("class=\"katex-html\"", html);
        Assert.DoesNotContain("\\(", html);
        Assert.DoesNotContain("$", html);
    }

    [Fact]
    public void DisplayFormula_SitsInAScrollableBoxOfItsOwn()
    {
        var html = Renderer.Render("损失：\n\n$$\n\\mathcal{L} = -\\sum_i y_i \\log p_i\n$$\n\n行内展示 $$E = mc^2$$ 结束").Html;

        Assert.Contains("<div class=\"math math-display\"><span class=\"katex-display\">", html);
        Assert.Contains("<span class=\"math math-display\"><span class=\"katex-display\">", html);
        Assert.Contains("display=\"block\"", html);
    }

    [Fact]
    public void NewCommand_AppliesToTheNotesLaterFormulas_AndToNoOtherNote()
    {
        var first = Renderer.Render("定义 $\\newcommand{\\RR}{\\mathbb{R}}$ 之后 $x \\in \\RR^n$ 与 $\\def\\E{\\mathbb{E}}\\E[x]$，再用 $\\E[\\RR]$。");
        var other = Renderer.Render("另一篇 $x \\in \\RR^n$");

        Assert.Equal(0, first.MathErrors);
        // \RR and \E in the later formulas, both \mathbb.
        Assert.Equal(4, first.Html.Split("mathvariant=\"double-struck\"").Length - 1);
        Assert.Equal(1, other.MathErrors);
        Assert.Contains("math-error", other.Html);
    }

    [Fact]
    public void SameFormulaAfterDifferentMacros_IsTypesetForEachNote()
    {
        var typesetter = new MathTypesetter();
        var renderer = new MarkdownRenderer(math: typesetter);

        var bold = renderer.Render("$\\def\\v{\\mathbf{v}}$ 向量 $\\v$").Html;
        var hat = renderer.Render("$\\def\\v{\\hat{v}}$ 向量 $\\v$").Html;

        Assert.Contains("mathvariant=\"bold\"", bold);
        Assert.DoesNotContain("mathvariant=\"bold\"", hat);
        Assert.Contains("^", hat);
    }

    [Theory]
    [InlineData("\\href{javascript:alert(1)}{点我}")]
    [InlineData("\\url{https://example.com}")]
    [InlineData("\\htmlData{foo=bar}{x}")]
    [InlineData("\\includegraphics[height=1em]{/favicon.ico}")]
    public void UntrustedCommands_StayInert(string tex)
    {
        var html = Renderer.Render($"公式 ${tex}$ 结束").Html;

        Assert.DoesNotContain("<a ", html);
        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("data-foo", html);
        Assert.DoesNotContain("javascript:", html.Replace("\\href{javascript:", ""));
    }

    [Fact]
    public void InvalidFormula_ShowsItsSourceAndKatexsMessage_AndTheRestOfTheNoteRenders()
    {
        var result = Renderer.Render("坏公式 $\\frac{1}{$ 后面 **正常** 的 $x^2$。\n\n$$\n\\begin{matrix} a \\end{pmatrix}\n$$\n");

        Assert.Null(result.Error);
        Assert.Equal(2, result.MathErrors);
        Assert.Contains("<span class=\"math math-error\" title=\"KaTeX parse error:", result.Html);
        Assert.Contains("<code>\\frac{1}{</code>", result.Html);
        Assert.Contains("<span class=\"math-error-message\">KaTeX parse error:", result.Html);
        Assert.Contains("<div class=\"math math-display math-error\"", result.Html);
        Assert.Contains("<strong>正常</strong>", result.Html);
        Assert.Contains("class=\"katex\"", result.Html); // x^2
    }

    [Fact]
    public void RenderingAnUnchangedNoteAgain_AsksTheEngineNothing()
    {
        var typesetter = new MathTypesetter();
        var renderer = new MarkdownRenderer(math: typesetter);
        var note = "$\\newcommand{\\x}{\\mathbf{x}}$ 样本 $\\x_1$\n\n$$\n\\sum_i \\x_i\n$$\n\n再说 $a+b$";

        var first = renderer.Render(note);
        var runs = typesetter.EngineRuns;
        var second = renderer.Render(note);

        Assert.Equal(4, runs);
        Assert.Equal(runs, typesetter.EngineRuns);
        Assert.Equal(first.Html, second.Html);
    }

    [Fact]
    public void EngineIsStartedByTheFirstNoteWithMath_NotBefore()
    {
        var typesetter = new MathTypesetter();
        var renderer = new MarkdownRenderer(math: typesetter);

        renderer.Render("没有公式的笔记，价格 100 元。");
        Assert.False(typesetter.Started);

        renderer.Render("有公式 $x$");
        Assert.True(typesetter.Started);
    }

    [Fact]
    public void EngineThatCannotStart_FormulasShowTheirSource_TheNoteStillRenders_AndTheLogSaysWhy()
    {
        var log = new ListLogger();
        var typesetter = new MathTypesetter(() => throw new DllNotFoundException("ClearScriptV8.linux-x64.so: cannot open shared object file"), log);
        var renderer = new MarkdownRenderer(math: typesetter);

        var result = renderer.Render("## 标题\n\n公式 $E = mc^2$ 与 **粗体**");
        renderer.Render("再一篇 $x$");

        Assert.Null(result.Error);
        Assert.Equal(0, result.MathErrors);
        Assert.NotNull(result.MathUnavailable);
        Assert.Contains("<span class=\"math math-error\"", result.Html);
        Assert.Contains("<code>E = mc^2</code>", result.Html);
        Assert.DoesNotContain("shared object", result.Html); // the reason is for the log, not for readers
        Assert.Contains("<strong>粗体</strong>", result.Html);
        var error = Assert.Single(log.Lines, l => l.Level == LogLevel.Error);
        Assert.Contains("could not start", error.Message);
        Assert.Contains("cannot open shared object file", error.Exception!.Message);
    }

    private sealed class ListLogger : ILogger
    {
        public List<(LogLevel Level, string Message, Exception? Exception)> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add((logLevel, formatter(state, exception), exception));
    }
}

/// <summary>Typesetting time is not Markdig's: a note with many new formulas is not cut off by the render's time limit.</summary>
[Collection(nameof(Blog.Tests.Security.HostileInput))]
public class MathTimeLimitTests
{
    [Fact]
    public void ManyNewFormulas_AreTypesetPastTheMarkdownTimeLimit_InsteadOfTimingOut()
    {
        var note = string.Join("\n\n", Enumerable.Range(1, 400).Select(i =>
            $"第 {i} 步 $x_{{{i}}} = \\sqrt{{\\bar\\alpha_{{{i}}}}}x_0 + \\frac{{\\beta_{{{i}}}}}{{1-\\beta}}\\epsilon$ 成立。"));
        // The limit: well above what the rest of the pipeline takes on this note now (formulas left
        // as source), far below what typesetting 400 new formulas takes (a few ms each).
        var withoutEngine = new MarkdownRenderer(math: new MathTypesetter(() => throw new InvalidOperationException("off"), null));
        var rest = Enumerable.Range(0, 5).Select(_ => { var watch = System.Diagnostics.Stopwatch.StartNew(); withoutEngine.Render(note); return watch.Elapsed; }).Max();
        var renderer = new MarkdownRenderer(RenderLimits.Default with { TimeLimit = rest * 3 + TimeSpan.FromMilliseconds(50), TimePerMillion = TimeSpan.Zero },
            null, new MathTypesetter());
        renderer.Render("预热 $x$ 与 **粗体**"); // the engine's start is not what this is about

        var result = renderer.Render(note);

        Assert.Null(result.Error);
        Assert.Equal(0, result.MathErrors);
        Assert.Equal(400, result.Html.Split("class=\"katex\"").Length - 1);
    }
}
