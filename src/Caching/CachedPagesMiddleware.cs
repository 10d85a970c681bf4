using System.Diagnostics;
using Blog.Availability;
using Blog.Hosting;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace Blog.Caching;

/// <summary>
/// First in the pipeline after the forwarded headers: a public page already rendered is answered
/// here, as a static server answers a file, with nothing else run (no routing, no request logging
/// middleware, no database). The pages are stored further in by <see cref="PageStorageMiddleware"/>.
/// Before looking, once a second, it asks whether another process changed the content.
/// It runs on the sockets' own threads (<see cref="SocketThreads"/>): nothing here may wait on more
/// than memory, and that look at the database moves to the thread pool first.
/// </summary>
internal sealed class CachedPagesMiddleware
{
    /// <summary>One cached answer in this many gets a log line, unless every line is asked for.</summary>
    public const int SampleEvery = 100;

    private readonly RequestDelegate _next;
    private readonly PageCache _cache;
    private readonly ContentVersion _version;
    private readonly ContentCaches _caches;
    private readonly DatabaseStatus _database;
    private readonly TimeProvider _clock;
    private readonly ILogger<CachedPagesMiddleware> _logger;
    private readonly bool _enabled, _logEvery, _httpsOnly;
    private readonly string _signInCookie;
    private long _served;

    public CachedPagesMiddleware(RequestDelegate next, PageCache cache, ContentVersion version, ContentCaches caches, DatabaseStatus database, TimeProvider clock,
        IOptions<BlogOptions> options, IOptionsMonitor<CookieAuthenticationOptions> cookies, ILogger<CachedPagesMiddleware> logger, bool httpsOnly)
    {
        (_next, _cache, _version, _caches, _database, _clock, _logger, _httpsOnly) = (next, cache, version, caches, database, clock, logger, httpsOnly);
        _enabled = options.Value.OutputCache;
        _logEvery = options.Value.RequestLog == RequestLogMode.All;
        _signInCookie = cookies.Get(CookieAuthenticationDefaults.AuthenticationScheme).Cookie.Name ?? "";
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            await _next(context);
            return;
        }
        await NoticeChangesElsewhereAsync(context);

        // Signed-in authors always get fresh pages: their sign-in cookie sends them down the whole pipeline.
        if (_enabled && (!_httpsOnly || request.IsHttps) && !(request.Headers.Cookie.Count > 0 && request.Cookies.ContainsKey(_signInCookie)))
        {
            var start = Stopwatch.GetTimestamp();
            var now = _clock.GetUtcNow().UtcDateTime;
            if (_cache.Find(PageCache.KeyOf(request), now) is { } page)
            {
                await page.WriteAsync(context, now);
                Log(context, start);
                return;
            }
        }
        await _next(context);
    }

    /// <summary>The import command, or another node, saves without this process knowing: a look at the content's version once a second.</summary>
    private async Task NoticeChangesElsewhereAsync(HttpContext context)
    {
        if (!_database.IsReady || !_version.LookDue)
            return; // not ready: the database gate further in answers 503
        await ThreadPoolHop.ToThreadPoolAsync(); // a query: off the socket's thread
        try
        {
            if (await _version.ChangedElsewhereAsync(context.RequestAborted))
                _caches.AfterChangeElsewhere();
        }
        catch (Exception e) when (DatabaseFaults.CameFromDatabase(e))
        {
            // Left to the database gate, which probes and answers 503 if the request needs the database.
        }
    }

    /// <summary>
    /// The request log's line for a cached answer: every one with Blog:RequestLog=All, else one in
    /// <see cref="SampleEvery"/> (an answer takes microseconds; writing its line took longer).
    /// </summary>
    private void Log(HttpContext context, long start)
    {
        if (!_logger.IsEnabled(LogLevel.Information))
            return;
        if (_logEvery)
        {
            _logger.LogInformation("HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0000} ms from the cache",
                context.Request.Method, context.Request.Path.Value, context.Response.StatusCode, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        else if (Interlocked.Increment(ref _served) % SampleEvery == 0)
        {
            _logger.LogInformation("HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0000} ms from the cache (one line per {SampledOneIn} cached answers)",
                context.Request.Method, context.Request.Path.Value, context.Response.StatusCode, Stopwatch.GetElapsedTime(start).TotalMilliseconds, SampleEvery);
        }
    }
}

/// <summary>What the request log writes for answers from the page cache.</summary>
public enum RequestLogMode
{
    /// <summary>One cached answer in a hundred; every other request has its line.</summary>
    Sampled,

    /// <summary>Every request its line.</summary>
    All,
}
