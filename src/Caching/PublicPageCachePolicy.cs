using Microsoft.AspNetCore.OutputCaching;

namespace Blog.Caching;

/// <summary>
/// Caches what anonymous readers get (pages, feeds, sitemap, search) until the content changes.
/// A save that touches posts, categories, tags or settings empties the <see cref="PageCache"/>
/// (see <see cref="ContentCaches"/>), in this process at once and in others within a second
/// (<see cref="ContentVersion"/>). A scheduled post changes
/// the pages without any save, so no entry outlives the next scheduled publication time.
/// Signed-in authors and anything under /admin are never cached.
/// </summary>
internal sealed class PublicPageCachePolicy(NextPublication nextPublication, TimeProvider clock) : IOutputCachePolicy
{
    public const string ContentTag = "content";
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(10);

    public async ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var cacheable = HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method);
        cacheable &= !http.Request.Path.StartsWithSegments("/admin") && http.User.Identity?.IsAuthenticated != true;

        context.EnableOutputCaching = true;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        context.AllowLocking = true;
        // What varies the key (PageCache.KeyOf, which keeps every encoding of a page in one entry):
        // scheme, host, path base, path (its case too), the query string and Accept-Encoding. None of it comes from a forwarded header but the scheme,
        // and that only from a trusted proxy: BlogApplication believes no X-Forwarded-Host or
        // X-Forwarded-Prefix, which made one client's made-up prefix the key of another page.
        context.CacheVaryByRules.QueryKeys = "*";
        context.CacheVaryByRules.HeaderNames = "Accept-Encoding";
        context.Tags.Add(ContentTag);

        var until = await nextPublication.GetAsync(cancellationToken) - clock.GetUtcNow().UtcDateTime;
        context.ResponseExpirationTimeSpan = until is { } wait && wait < MaxAge ? wait < TimeSpan.Zero ? TimeSpan.Zero : wait : MaxAge;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellationToken)
    {
        var response = context.HttpContext.Response;
        // Only complete, successful answers that set no cookie (antiforgery, sign-in) are shared.
        if (response.StatusCode is not (StatusCodes.Status200OK or StatusCodes.Status404NotFound or StatusCodes.Status301MovedPermanently)
            || response.Headers.SetCookie.Count > 0)
        {
            context.AllowCacheStorage = false;
        }
        return ValueTask.CompletedTask;
    }
}

