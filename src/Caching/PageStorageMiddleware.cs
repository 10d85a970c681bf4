using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using Blog.Hosting;

namespace Blog.Caching;

/// <summary>
/// Keeps the answers <see cref="PublicPageCachePolicy"/> allows, for <see cref="CachedPagesMiddleware"/>
/// to serve next time: the endpoint's whole answer is taken (uncompressed, this sits inside the
/// response compression), compressed once, stored and answered as a cached page is.
/// </summary>
internal sealed class PageStorageMiddleware(RequestDelegate next, PageCache cache, PublicPageCachePolicy policy, TimeProvider clock, IOptions<BlogOptions> options)
{
    /// <summary>Worked out for every answer by the server or by the way it is sent, never kept.</summary>
    private static readonly HashSet<string> NotKept = new(StringComparer.OrdinalIgnoreCase)
    {
        HeaderNames.Date, HeaderNames.Server, HeaderNames.ContentLength, HeaderNames.ContentEncoding,
        HeaderNames.TransferEncoding, HeaderNames.Age, HeaderNames.Vary, HeaderNames.SetCookie,
    };

    private readonly bool _enabled = options.Value.OutputCache;

    public async Task InvokeAsync(HttpContext context)
    {
        if (!_enabled || !HttpMethods.IsGet(context.Request.Method)
            || context.GetEndpoint()?.Metadata.GetMetadata<PublicPage>() is null
            // An error page shown in place of another answer is not that URL's answer.
            || context.Features.Get<IStatusCodeReExecuteFeature>() is not null || context.Features.Get<IExceptionHandlerFeature>() is not null)
        {
            await next(context);
            return;
        }
        var decision = new OutputCacheContext { HttpContext = context };
        await policy.CacheRequestAsync(decision, context.RequestAborted);
        if (!decision.AllowCacheStorage)
        {
            await next(context);
            return;
        }

        var key = PageCache.KeyOf(context.Request);
        var underWay = decision.AllowLocking ? cache.BeginRender(key) : null;
        if (underWay is not null)
        {
            await underWay.WaitAsync(context.RequestAborted);
            var at = clock.GetUtcNow().UtcDateTime;
            if (cache.Find(key, at) is { } ready)
            {
                await ready.WriteAsync(context, at);
                return;
            }
            // Not stored (an answer that is not kept, or the content changed meanwhile): rendered here, as before.
        }
        try
        {
            // This reader missed the cache at the door; a render that ended since may have stored the page.
            var now = clock.GetUtcNow().UtcDateTime;
            if (underWay is null && cache.Find(key, now) is { } storedMeanwhile)
                await storedMeanwhile.WriteAsync(context, now);
            else
                await RenderAndStoreAsync(context, decision, key);
        }
        finally
        {
            if (decision.AllowLocking && underWay is null)
                cache.EndRender(key);
        }
    }

    private async Task RenderAndStoreAsync(HttpContext context, OutputCacheContext decision, string key)
    {
        var generation = cache.Generation;
        var sent = context.Features.Get<IHttpResponseBodyFeature>()!;
        using var buffer = new MemoryStream();
        var taken = new StreamResponseBodyFeature(buffer);
        context.Features.Set<IHttpResponseBodyFeature>(taken);
        try
        {
            await next(context);
            await taken.CompleteAsync();
        }
        finally
        {
            context.Features.Set(sent);
        }

        await policy.ServeResponseAsync(decision, context.RequestAborted);
        var response = context.Response;
        var now = clock.GetUtcNow().UtcDateTime;
        // An empty 404 is shown as the error page by the status code pages, around this: not stored.
        var stored = decision.AllowCacheStorage && decision.ResponseExpirationTimeSpan > TimeSpan.Zero
            && (buffer.Length > 0 || response.StatusCode == StatusCodes.Status301MovedPermanently);
        if (!stored)
        {
            buffer.Position = 0;
            await buffer.CopyToAsync(response.Body, context.RequestAborted);
            return;
        }
        var page = new CachedPage(response.StatusCode, Kept(response.Headers), buffer.ToArray(), now, now + decision.ResponseExpirationTimeSpan!.Value);
        cache.Store(key, page, generation);
        await page.WriteAsync(context, now);
    }

    private static KeyValuePair<string, StringValues>[] Kept(IHeaderDictionary headers) =>
        headers.Where(h => !NotKept.Contains(h.Key)).ToArray();
}

/// <summary>Marks the endpoints whose anonymous answers are public pages, kept by the page cache.</summary>
public sealed class PublicPage
{
    public static readonly PublicPage Metadata = new();

    private PublicPage()
    {
    }
}
