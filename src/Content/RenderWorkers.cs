using System.Collections.Concurrent;

namespace Blog.Content;

/// <summary>
/// The threads renders run on (see <see cref="RenderBudget"/>), kept between renders. Starting a
/// thread for each render cost more than rendering an ordinary note: a sixth of an import's time.
/// A worker whose render overruns is simply busy until it ends; a new one is started meanwhile.
/// </summary>
internal static class RenderWorkers
{
    // Deeply nested documents recurse deeply, in Markdig's renderer and in ours; a stack overflow
    // would end the process, so workers get more room than a thread-pool thread's 1.5 MB.
    private const int StackBytes = 16 * 1024 * 1024;

    /// <summary>Idle workers kept; more (after a burst of parallel renders) end.</summary>
    private const int MaxIdle = 4;

    private static readonly ConcurrentBag<Worker> Idle = [];

    /// <summary>Runs <paramref name="work"/>, which must not throw, on an idle worker or a new one.</summary>
    public static void Start(Action work)
    {
        if (!Idle.TryTake(out var worker))
            worker = new Worker();
        worker.Start(work);
    }

    private sealed class Worker
    {
        private readonly SemaphoreSlim _given = new(0);
        private Action? _work;

        public Worker() => new Thread(Loop, StackBytes) { IsBackground = true, Name = "markdown render" }.Start();

        public void Start(Action work)
        {
            _work = work;
            _given.Release();
        }

        private void Loop()
        {
            while (true)
            {
                _given.Wait();
                var work = Interlocked.Exchange(ref _work, null)!;
                work();
                if (Idle.Count >= MaxIdle)
                    return;
                Idle.Add(this);
            }
        }
    }
}
