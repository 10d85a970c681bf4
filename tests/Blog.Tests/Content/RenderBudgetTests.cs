using System.Diagnostics;
using Blog.Content;
using Blog.Tests.Infrastructure;

namespace Blog.Tests.Content;

/// <summary>Markdown that would take Markdig minutes is answered within the limit, with a message and the text kept.</summary>
[Collection(nameof(Blog.Tests.Security.HostileInput))]
public class RenderBudgetTests
{
    private static readonly MarkdownRenderer Renderer = new();

    [Fact]
    public void QuadraticLinks_AreReportedAsTooComplex()
    {
        var result = Renderer.Render(HostileMarkdown.Get("100,000 × [a]("));

        Assert.Contains("too complex to render in time", result.Error);
    }

    [Fact]
    public void TextOverTheLengthLimit_IsReportedAsTooLongWithoutTryingToRender()
    {
        var markdown = new string('字', RenderLimits.Default.MaxLength + 1);

        var clock = Stopwatch.StartNew();
        var result = Renderer.Render(markdown);

        Assert.True(clock.ElapsedMilliseconds < 500, $"took {clock.ElapsedMilliseconds} ms");
        Assert.Contains("too long to render: 2,500,001 characters, more than the 2,500,000", result.Error);
        HostileMarkdown.AssertKeptAsTyped(markdown, result);
    }

    [Fact]
    public void DeepBracketsThatMarkdigRefusesWhileWritingHtml_AreReportedNotThrown()
    {
        // Markdig parses this, then throws its depth error from the HTML renderer.
        var markdown = new string('[', 4_000);

        var result = Renderer.Render(markdown);

        Assert.Contains("too deeply", result.Error);
        HostileMarkdown.AssertKeptAsTyped(markdown, result);
    }

    [Fact]
    public void AnAbandonedRender_StopsSoonAfterItsLimitInsteadOfRunningOn()
    {
        var renderer = new MarkdownRenderer(RenderLimits.Default with { TimeLimit = TimeSpan.FromMilliseconds(200), TimePerMillion = TimeSpan.Zero });

        var result = renderer.Render(HostileMarkdown.Get("100,000 × [a]("));

        Assert.Contains("too complex", result.Error);
        // Unchecked, this render would run for minutes; the checkpoints end it at the next bracket.
        Assert.Equal(0, renderer.Overrunning);
    }

    [Fact]
    public void TheSameTooComplexTextAgain_IsAnsweredAtOnce()
    {
        var renderer = new MarkdownRenderer();
        var markdown = HostileMarkdown.Get("100,000 × ![a](");
        renderer.Render(markdown);

        var clock = Stopwatch.StartNew();
        var again = renderer.Render(markdown);

        Assert.True(clock.ElapsedMilliseconds < 300, $"took {clock.ElapsedMilliseconds} ms");
        Assert.Contains("too complex", again.Error);
        Assert.Null(renderer.TryParse(markdown));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void RandomMarkdown_NeverThrowsAndAnswersInTime(int seed)
    {
        for (var i = 0; i < 20; i++)
        {
            var markdown = HostileMarkdown.Random(seed * 1000 + i, 2_000 + i * 1_000);

            var clock = Stopwatch.StartNew();
            var result = Renderer.Render(markdown);

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"seed {seed * 1000 + i} took {clock.Elapsed.TotalSeconds:0.0} s");
            if (result.Error is not null)
                HostileMarkdown.AssertKeptAsTyped(markdown, result);
        }
    }

    [Fact]
    public void ALongStudyNote_RendersFarWithinTheLimit()
    {
        var note = string.Concat(Enumerable.Repeat(
            "## 注意力\n\n缩放点积注意力 **attention** 把 $QK^\\top/\\sqrt{d_k}$ 做 softmax，见 [论文](https://arxiv.org/abs/1706.03762)。\n\n```python\nimport torch\n```\n\n", 160));
        Renderer.Render(note);

        var best = Enumerable.Range(0, 5).Min(_ =>
        {
            var clock = Stopwatch.StartNew();
            Assert.Null(Renderer.Render(note).Error);
            return clock.Elapsed;
        });

        Assert.True(note.Length > 20_000);
        Assert.True(best < TimeSpan.FromMilliseconds(100), $"a {note.Length:N0}-character note took {best.TotalMilliseconds:0} ms");
    }
}
