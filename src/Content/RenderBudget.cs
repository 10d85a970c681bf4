using System.Diagnostics;

namespace Blog.Content;

/// <summary>What one render may cost. The defaults keep every request that renders under two seconds.</summary>
/// <param name="MaxLength">Longer Markdown is not rendered at all: a 2 MB note fits, and far longer text would not render in time anyway.</param>
/// <param name="TimeLimit">How long a caller waits for a render of short text.</param>
/// <param name="TimePerMillion">Added to the limit per million characters: an ordinary note's cost grows with its length, the slow inputs' far faster.</param>
/// <param name="MaxOverrunning">How many renders may still be running past their time limit; further renders are refused until one ends.</param>
public sealed record RenderLimits(int MaxLength, TimeSpan TimeLimit, TimeSpan TimePerMillion, int MaxOverrunning)
{
    // A 20,000-character note renders in a few milliseconds and a 2 MB one in about half a second
    // (twice that on its first render after a start, before the JIT has optimised Markdig), within
    // its 1.8 s; 100,000 × "[a](" (400,000 characters) would take minutes, and is stopped at 0.95 s.
    public static readonly RenderLimits Default = new(2_500_000, TimeSpan.FromSeconds(0.75), TimeSpan.FromSeconds(0.5), 2);

    public TimeSpan TimeFor(int length) => TimeLimit + TimePerMillion * (length / 1_000_000.0);
}

internal enum BudgetOutcome { Done, TimedOut, Busy }

/// <summary>
/// When one render's time is up. Read from the clock at each checkpoint (a few nanoseconds), not
/// set by a timer: a timer needs a free thread-pool thread, and a busy server has none to spare.
/// </summary>
internal sealed class RenderDeadline(TimeSpan limit)
{
    private long _endsAt = Stopwatch.GetTimestamp() + (long)(limit.TotalSeconds * Stopwatch.Frequency);

    public bool IsPast => Stopwatch.GetTimestamp() >= Volatile.Read(ref _endsAt);

    /// <summary>
    /// Moves the deadline later, and the caller's wait with it: for work whose cost is bounded and
    /// known not to be Markdig's (typesetting formulas), so that it does not eat Markdig's budget.
    /// </summary>
    public void Extend(TimeSpan by) => Interlocked.Add(ref _endsAt, (long)(by.TotalSeconds * Stopwatch.Frequency));

    /// <summary>The time left; negative once past.</summary>
    public TimeSpan Remaining => TimeSpan.FromSeconds((Volatile.Read(ref _endsAt) - Stopwatch.GetTimestamp()) / (double)Stopwatch.Frequency);

    public void ThrowIfPast()
    {
        if (IsPast)
            throw new OperationCanceledException("The render's time limit passed.");
    }
}

/// <summary>
/// Runs renders under a time limit. Markdig is quadratic on some inputs (100,000 × "[a](" takes
/// minutes) and renders run inside requests and imports, so each render runs on a worker thread
/// (<see cref="RenderWorkers"/>) while the caller waits at most the time limit. At the limit the
/// render's deadline is past; Markdig cannot be aborted, but <see cref="RenderCheckpoints"/> make
/// it stop at the next bracket, delimiter or line. A render that still runs on (a stretch of Markdig with no
/// checkpoint) is counted until it ends, and while too many run, new renders are refused at once
/// rather than piling up on the CPU.
/// </summary>
internal sealed class RenderBudget(RenderLimits limits, ILogger? logger)
{
    // Past the deadline, a render normally notices within milliseconds.
    private static readonly TimeSpan Grace = TimeSpan.FromMilliseconds(150);

    private int _overrunning;

    public RenderLimits Limits => limits;

    /// <summary>Renders that outlived their time limit and are still running.</summary>
    public int Overrunning => Volatile.Read(ref _overrunning);

    /// <summary>
    /// Runs <paramref name="work"/>, which checks its deadline, on a worker thread. Exceptions
    /// other than the deadline's reach the caller as thrown.
    /// </summary>
    public (BudgetOutcome Outcome, T? Result) Run<T>(int length, Func<RenderDeadline, T> work) where T : class
    {
        if (Overrunning >= limits.MaxOverrunning)
            return (BudgetOutcome.Busy, null);

        var limit = limits.TimeFor(length);
        var deadline = new RenderDeadline(limit);
        var done = new TaskCompletionSource<T?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = Stopwatch.GetTimestamp();
        RenderWorkers.Start(() =>
        {
            try
            {
                done.SetResult(work(deadline));
            }
            catch (OperationCanceledException) when (deadline.IsPast)
            {
                done.SetResult(null);
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        });

        bool finished;
        try
        {
            // The work may extend its deadline (see RenderDeadline.Extend): wait as long as it stands.
            do
            {
                var wait = deadline.Remaining + Grace;
                finished = done.Task.Wait(wait > TimeSpan.Zero ? wait : TimeSpan.Zero);
            }
            while (!finished && deadline.Remaining + Grace > TimeSpan.Zero);
        }
        catch (AggregateException)
        {
            finished = true; // the work threw: rethrown as itself below
        }
        if (finished)
        {
            var result = done.Task.GetAwaiter().GetResult();
            return result is null ? (BudgetOutcome.TimedOut, null) : (BudgetOutcome.Done, result);
        }

        Interlocked.Increment(ref _overrunning);
        done.Task.ContinueWith(_ =>
        {
            Interlocked.Decrement(ref _overrunning);
            logger?.LogWarning("A Markdown render ran {Seconds:0.0} s, past its {Limit} s limit",
                Stopwatch.GetElapsedTime(started).TotalSeconds, limit.TotalSeconds);
        }, TaskScheduler.Default);
        return (BudgetOutcome.TimedOut, null);
    }
}
