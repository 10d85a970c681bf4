using System.Diagnostics;
using System.Runtime;
using Blog.Availability;
using Blog.Content.Formulas;
using Blog.Hosting;

namespace Blog.Posts;

/// <summary>
/// The site's re-render of outdated posts (<see cref="OutdatedPosts"/>), after the site answers:
/// with 10,000 posts to render again after an upgrade, the site would otherwise not answer for a
/// minute. Readers get the older HTML of a post until its batch is saved (each save drops the
/// cached pages, as every save does). It runs once the database is set up, and again after an
/// outage cut it short. Several nodes may run it at once: a post rendered twice is harmless.
/// </summary>
internal sealed class BackgroundRerender(
    IServiceProvider services, DatabaseStatus status, MathTypesetter math, IHostApplicationLifetime lifetime, ILogger<BackgroundRerender> logger)
    : BackgroundService
{
    // Pauses are about the machine's load, not the site's time: real time, not the TimeProvider.
    private static readonly TimeSpan BetweenBatches = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan AfterFailure = TimeSpan.FromSeconds(10);

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

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
            await started.Task.WaitAsync(stoppingToken);
        await status.FirstSetUp.WaitAsync(stoppingToken);

        while (!stoppingToken.IsCancellationRequested)
        {
            if (!status.IsReady)
            {
                await Task.Delay(AfterFailure, stoppingToken);
                continue;
            }
            try
            {
                var watch = Stopwatch.StartNew();
                var rerendered = await OutdatedPosts.RerenderAsync(services, ct => Task.Delay(BetweenBatches, ct), stoppingToken);
                if (rerendered > 0)
                {
                    logger.LogInformation("Re-rendered {Count} posts with the current Markdown pipeline in {Seconds:0.0} s", rerendered, watch.Elapsed.TotalSeconds);
                    ReleaseMemory();
                    ProcessMemory.Log(logger, "after the re-render", math);
                }
                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Re-rendering outdated posts stopped; trying again in {Seconds} s", AfterFailure.TotalSeconds);
                await Task.Delay(AfterFailure, stoppingToken);
            }
        }
    }
}
