using System.Collections.Concurrent;

namespace Blog.Content.Formulas;

/// <summary>
/// Typesets formulas with KaTeX on the server, for every render of the one Markdown pipeline.
/// The V8 engine is started on the first note with math (not at the site's start), then kept and
/// lent to one render at a time; formulas are cached by their note context, mode and source, so
/// re-rendering an unchanged note (the editor's preview on every pause, a re-import) asks the
/// engine nothing. When the engine cannot start, every formula falls back to its source and the
/// log says why, once: the site keeps serving.
/// </summary>
public sealed class MathTypesetter : IDisposable
{
    /// <summary>Longer formulas are shown as their source: KaTeX's time grows with them and one formula must not eat a render's budget.</summary>
    public const int MaxFormulaLength = 20_000;

    private readonly Func<KatexEngine> _start;
    private readonly ILogger? _logger;
    private readonly SemaphoreSlim _lend = new(1, 1);
    private readonly FormulaCache _cache = new();
    private readonly Lock _starting = new();
    private KatexEngine? _engine;
    private string? _unavailable;
    private bool _disposed;
    private int _engineRuns;
    private long _lastUsed;
    private readonly Timer _idleCheck;

    public MathTypesetter(ILogger<MathTypesetter>? logger = null) : this(() => new KatexEngine(), logger)
    {
    }

    internal MathTypesetter(Func<KatexEngine> start, ILogger? logger)
    {
        _start = start;
        _logger = logger;
        _idleCheck = new Timer(_ => StopIfIdle(), null, IdleAfter, IdleAfter);
    }

    /// <summary>
    /// An engine unused this long is stopped, and its memory (tens of megabytes) given back: a blog
    /// typesets when its author writes, and readers never need the engine. The next formula starts it again.
    /// </summary>
    internal static readonly TimeSpan IdleAfter = TimeSpan.FromMinutes(5);

    /// <summary>The one a renderer made without the site's services uses (tools, tests).</summary>
    public static MathTypesetter Shared { get; } = new();

    /// <summary>Why formulas are not typeset, or null while the engine works (or has not been needed yet).</summary>
    public string? Unavailable => Volatile.Read(ref _unavailable);

    /// <summary>Formulas the engine typeset (cache misses), since this typesetter was made.</summary>
    internal int EngineRuns => Volatile.Read(ref _engineRuns);

    /// <summary>Whether the engine is running: it starts with the first note that has math.</summary>
    public bool Started => Volatile.Read(ref _engine) is not null;

    /// <summary>
    /// Starts the engine if it is not running yet. Renderers call it before a render's time limit
    /// starts, so that the engine's start (a fraction of a second) is not charged to one note.
    /// </summary>
    public void Start()
    {
        if (Volatile.Read(ref _engine) is not null || Unavailable is not null)
            return;
        lock (_starting)
        {
            if (_engine is not null || _unavailable is not null || _disposed)
                return;
            try
            {
                var started = System.Diagnostics.Stopwatch.StartNew();
                _engine = _start();
                _logger?.LogInformation("Math engine (KaTeX on V8) started in {Milliseconds} ms", started.ElapsedMilliseconds);
            }
            catch (Exception e)
            {
                // Readers and authors see that much; the reason (paths, native errors) goes to the log only.
                _unavailable = "This formula was not typeset: the math engine (KaTeX on V8) could not start on the server; its log says why.";
                _logger?.LogError(e, "Formulas will be shown as their source: the math engine (KaTeX on V8) could not start");
            }
        }
    }

    /// <summary>A fresh context for one note's formulas, typeset in the note's order.</summary>
    internal NoteMath BeginNote(RenderDeadline? deadline = null) => new(this, deadline);

    internal Typeset Typeset(string context, string definitions, string after, string tex, bool display, RenderDeadline? deadline)
    {
        if (tex.Length > MaxFormulaLength)
            return new Typeset(null, $"This formula is too long to typeset ({tex.Length:N0} characters, at most {MaxFormulaLength:N0}).");
        var key = new FormulaKey(context, display, tex);
        if (_cache.TryGet(key, out var cached))
            return cached;

        Start();
        if (Unavailable is { } why)
            return new Typeset(null, why);
        var wait = deadline?.Remaining ?? Timeout.InfiniteTimeSpan;
        if (!_lend.Wait(wait < TimeSpan.Zero ? TimeSpan.Zero : wait))
            throw new OperationCanceledException("The render's time limit passed while waiting for the math engine.");
        Typeset result;
        try
        {
            Volatile.Write(ref _lastUsed, Environment.TickCount64);
            var engine = _engine ?? StartedAgain();
            result = engine.Run(context, definitions, after, tex, display);
            _engineRuns++;
        }
        catch (Exception e) when (KatexEngine.IsEngineFault(e))
        {
            // The formula broke the engine (out of memory, say): show this one as its source and
            // start a fresh engine for the next.
            _logger?.LogWarning(e, "The math engine failed on a formula of {Length} characters; restarting it", tex.Length);
            Restart();
            return new Typeset(null, "This formula could not be typeset: the math engine failed on it (see the log).");
        }
        finally
        {
            _lend.Release();
        }
        _cache.Add(key, result);
        return result;
    }

    /// <summary>The engine stopped for idleness between the start and the loan: started again (under the loan).</summary>
    private KatexEngine StartedAgain()
    {
        Start();
        return _engine ?? throw new ObjectDisposedException(nameof(MathTypesetter), Unavailable);
    }

    /// <summary>Gives the engine's garbage back after a burst of typesetting (the re-render of every post).</summary>
    public void ReleaseMemory()
    {
        if (!_lend.Wait(0))
            return; // in use: it is not idle garbage
        try
        {
            _engine?.CollectGarbage();
        }
        finally
        {
            _lend.Release();
        }
    }

    /// <summary>Bytes V8's heap holds: 0 while the engine is stopped, null while it typesets (it is not asked then).</summary>
    public long? HeapBytes()
    {
        if (!_lend.Wait(TimeSpan.FromMilliseconds(100)))
            return null;
        try
        {
            return _engine?.HeapBytes ?? 0;
        }
        finally
        {
            _lend.Release();
        }
    }

    private void StopIfIdle()
    {
        if (_engine is null || Environment.TickCount64 - Volatile.Read(ref _lastUsed) < IdleAfter.TotalMilliseconds || !_lend.Wait(0))
            return;
        try
        {
            Restart();
            Hosting.NativeHeap.Trim(); // what V8 allocated outside its heap
            _logger?.LogInformation("Math engine stopped after {Minutes} minutes unused; it starts again with the next formula", IdleAfter.TotalMinutes);
        }
        finally
        {
            _lend.Release();
        }
    }

    private void Restart()
    {
        lock (_starting)
        {
            _engine?.Dispose();
            _engine = null;
        }
    }

    public void Dispose()
    {
        _idleCheck.Dispose();
        lock (_starting)
        {
            _disposed = true;
            _engine?.Dispose();
            _engine = null;
        }
    }

    internal readonly record struct FormulaKey(string Context, bool Display, string Tex);

    /// <summary>
    /// Formulas typeset lately, bounded by size: a young and an old generation, and when the young
    /// one is full it becomes the old one. Formulas in use stay (a hit in the old generation moves
    /// to the young one); the rest are forgotten two generations later.
    /// </summary>
    private sealed class FormulaCache
    {
        // Characters of HTML per generation: two generations hold at most some 64 MB.
        private const long GenerationChars = 16_000_000;

        private ConcurrentDictionary<FormulaKey, Typeset> _young = new(), _old = new();
        private long _youngChars;

        public bool TryGet(FormulaKey key, out Typeset typeset)
        {
            if (_young.TryGetValue(key, out typeset))
                return true;
            if (!_old.TryGetValue(key, out typeset))
                return false;
            Add(key, typeset);
            return true;
        }

        public void Add(FormulaKey key, Typeset typeset)
        {
            var size = key.Tex.Length + key.Context.Length + (typeset.Html?.Length ?? typeset.Error!.Length);
            if (Interlocked.Add(ref _youngChars, size) > GenerationChars)
            {
                lock (this)
                {
                    if (Interlocked.Read(ref _youngChars) > GenerationChars)
                    {
                        _old = _young;
                        _young = new ConcurrentDictionary<FormulaKey, Typeset>();
                        Interlocked.Exchange(ref _youngChars, size);
                    }
                }
            }
            _young[key] = typeset;
        }
    }
}
