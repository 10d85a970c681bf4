using Blog.Content;

namespace Blog.Tests.Content;

/// <summary>Renders that outlive their limit are counted, and cannot pile up.</summary>
public class OverrunTests
{
    [Fact]
    public void WhileTooManyRendersOverrun_NewOnesAreRefusedAtOnce_UntilOneEnds()
    {
        var budget = new RenderBudget(new RenderLimits(1_000, TimeSpan.FromMilliseconds(50), TimeSpan.Zero, MaxOverrunning: 1), logger: null);
        using var gate = new ManualResetEventSlim();
        var started = 0;

        // Work with a stretch that never looks at its token, as a slow spot of Markdig's might.
        var first = budget.Run(0, _ => { Interlocked.Increment(ref started); gate.Wait(TimeSpan.FromSeconds(10)); return "late"; });
        var second = budget.Run(0, _ => { Interlocked.Increment(ref started); return "never"; });

        Assert.Equal(BudgetOutcome.TimedOut, first.Outcome);
        Assert.Equal(BudgetOutcome.Busy, second.Outcome);
        Assert.Equal(1, started);
        Assert.Equal(1, budget.Overrunning);

        gate.Set();
        Assert.True(SpinWait.SpinUntil(() => budget.Overrunning == 0, TimeSpan.FromSeconds(5)));
        Assert.Equal((BudgetOutcome.Done, "now"), budget.Run(0, _ => "now"));
    }

    [Fact]
    public void WorkThatChecksItsDeadline_EndsAtTheLimitWithoutOverrunning()
    {
        var budget = new RenderBudget(new RenderLimits(1_000, TimeSpan.FromMilliseconds(50), TimeSpan.Zero, MaxOverrunning: 1), logger: null);

        var outcome = budget.Run(0, deadline =>
        {
            for (var i = 0; i < 1_000; i++)
            {
                deadline.ThrowIfPast();
                Thread.Sleep(10); // slow work: a render's budget is real time on its thread, not the site's clock
            }
            return "late";
        });

        Assert.Equal(BudgetOutcome.TimedOut, outcome.Outcome);
        Assert.Equal(0, budget.Overrunning);
    }
}
