using System.Diagnostics;
using System.Runtime;
using Blog.Content.Formulas;
using Blog.Hosting;

namespace Blog.Posts;

/// <summary>
/// The site's re-render of outdated posts (<see cref="OutdatedPosts"/>), after the site answers
/// (<see cref="Availability.StartupAndRecovery"/> runs it): with 10,000 posts to render again
/// after an upgrade, the site would otherwise not answer for a minute. Readers get the older HTML
/// of a post until its batch is saved (each save drops the cached pages, as every save does).
/// Several nodes may run it at once: a post rendered twice is harmless.
/// </summary>
public sealed class BackgroundRerender(IServiceProvider services, MathTypesetter math, ILogger<BackgroundRerender> logger)
{
    // Pauses are about the machine's load, not the site's time: real time, not the TimeProvider.
    private static readonly TimeSpan BetweenBatches = TimeSpan.FromMilliseconds(100);

    private readonly TaskCompletionSource _firstRunEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the first run since the start has ended (to wait for, not to poll the database).</summary>
    public Task FirstRunEnded => _firstRunEnded.Task;

    /// <summary>
    /// The burst is over: the heaps it grew (batches of posts and their HTML, V8's garbage) are given
    /// back to the system once, rather than kept for a load that will not come again.
    /// </summary>
    private void ReleaseMemory()
    {
        math.ReleaseMemory();
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        NativeHeap.Trim();
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var rerendered = await OutdatedPosts.RerenderAsync(services, ct => Task.Delay(BetweenBatches, ct), cancellationToken);
        if (rerendered > 0)
        {
            logger.LogInformation("Re-rendered {Count} posts with the current Markdown pipeline in {Seconds:0.0} s", rerendered, watch.Elapsed.TotalSeconds);
            ReleaseMemory();
            ProcessMemory.Log(logger, "after the re-render", math);
        }
        _firstRunEnded.TrySetResult();
    }
}
