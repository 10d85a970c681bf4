using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Blog.Caching;

/// <summary>
/// The public pages as last rendered, by URL, until the content changes (<see cref="Clear"/>) or
/// the next scheduled publication (each page's expiry). Reading is lock-free; storing and clearing
/// take a lock, and a page rendered while the content changed under it is not stored.
/// </summary>
public sealed class PageCache : IDisposable
{
    // The whole app stays under 300 MB at 100,000 posts: a crawler walking every article must not
    // grow the cache past this. Full, it starts over: simple, and hot pages come back at once.
    private const long SizeLimit = 64L * 1024 * 1024;

    private readonly ConcurrentDictionary<string, CachedPage> _pages = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _rendering = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly Channel<(string Key, CachedPage Page)> _toCompress =
        Channel.CreateBounded<(string, CachedPage)>(new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private long _size;
    private int _generation;

    public PageCache() => _ = Task.Run(CompressAsync);

    /// <summary>Changes with every <see cref="Clear"/>: a page rendered across a change is not stored.</summary>
    public int Generation => Volatile.Read(ref _generation);

    public int Count => _pages.Count;

    /// <summary>
    /// The URL as the client asked for it, case and query string included, on this scheme and host:
    /// two URLs share an answer only when they are the same URL.
    /// </summary>
    public static string KeyOf(HttpRequest request) =>
        string.Concat([request.Scheme, "://", request.Host.Value, request.PathBase.Value, request.Path.Value, request.QueryString.Value]);

    public CachedPage? Find(string key, DateTime now)
    {
        if (!_pages.TryGetValue(key, out var page))
            return null;
        if (page.ExpiresAt > now)
            return page;
        lock (_lock)
        {
            if (_pages.TryRemove(new KeyValuePair<string, CachedPage>(key, page)))
                _size -= page.Size;
        }
        return null;
    }

    public void Store(string key, CachedPage page, int generation)
    {
        lock (_lock)
        {
            if (generation != _generation)
                return;
            if (_pages.TryRemove(key, out var old))
                _size -= old.Size;
            if (_size + page.Size > SizeLimit)
            {
                _pages.Clear();
                _size = 0;
            }
            _pages[key] = page;
            _size += page.Size;
        }
        _toCompress.Writer.TryWrite((key, page));
    }

    /// <summary>
    /// Claims the render of a page missing from the cache: null when the caller is to render it (and
    /// then calls <see cref="EndRender"/>), else the render under way, to wait for. Readers arriving
    /// together at a page just dropped (after a save, say) then cost one render, not one each: a
    /// 300-formula article is megabytes of buffers per render, and sixteen at once grew the process
    /// by a hundred megabytes that stayed.
    /// </summary>
    public Task? BeginRender(string key)
    {
        var mine = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var current = _rendering.GetOrAdd(key, mine);
        return ReferenceEquals(current, mine) ? null : current.Task;
    }

    public void EndRender(string key)
    {
        if (_rendering.TryRemove(key, out var done))
            done.TrySetResult();
    }

    public void Clear()
    {
        lock (_lock)
        {
            _generation++;
            _pages.Clear();
            _size = 0;
        }
    }

    /// <summary>
    /// The smallest gzip and brotli for the pages stored, one at a time, off the requests' path;
    /// not for those a change dropped meanwhile (an author saving often would keep it busy for nothing).
    /// </summary>
    private async Task CompressAsync()
    {
        await foreach (var (key, page) in _toCompress.Reader.ReadAllAsync())
        {
            if (_pages.TryGetValue(key, out var held) && ReferenceEquals(held, page))
                page.CompressFully();
        }
    }

    public void Dispose() => _toCompress.Writer.TryComplete();
}
