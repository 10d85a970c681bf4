using Microsoft.Net.Http.Headers;

namespace Blog.Feeds;

internal static class FeedEndpoints
{
    public static RouteGroupBuilder MapFeeds(this IEndpointRouteBuilder endpoints)
    {
        var app = endpoints.MapGroup("");
        app.MapGet(Links.RssFeed, (HttpContext c, FeedService f, CancellationToken t) => Serve(c, f, FeedFormat.Rss, null, t));
        app.MapGet(Links.AtomFeed, (HttpContext c, FeedService f, CancellationToken t) => Serve(c, f, FeedFormat.Atom, null, t));
        app.MapGet("/category/{slug}/feed.xml", (string slug, HttpContext c, FeedService f, CancellationToken t) => Serve(c, f, FeedFormat.Rss, slug, t));
        app.MapGet("/category/{slug}/atom.xml", (string slug, HttpContext c, FeedService f, CancellationToken t) => Serve(c, f, FeedFormat.Atom, slug, t));
        return app;
    }

    private static async Task<IResult> Serve(HttpContext context, FeedService feeds, FeedFormat format, string? category, CancellationToken cancellationToken)
    {
        var feed = await feeds.GetAsync(context, format, category, cancellationToken);
        if (feed is null)
        {
            // A category's slug in another case: 301 to its feed, as its page does.
            return category is not null && await feeds.StoredCategorySlugAsync(category, cancellationToken) is { } stored && stored != category
                ? Results.Redirect(Links.Feed(format, stored), permanent: true)
                : Results.NotFound();
        }

        var lastModified = new DateTimeOffset(DateTime.SpecifyKind(feed.LastModified, DateTimeKind.Utc)).AddTicks(-(feed.LastModified.Ticks % TimeSpan.TicksPerSecond));
        var headers = context.Response.GetTypedHeaders();
        headers.ETag = EntityTagHeaderValue.Parse(feed.ETag);
        headers.LastModified = lastModified;
        headers.CacheControl = new CacheControlHeaderValue { Public = true, MaxAge = TimeSpan.FromMinutes(5) };

        var request = context.Request.GetTypedHeaders();
        var notModified = request.IfNoneMatch.Count > 0
            ? request.IfNoneMatch.Any(tag => tag.Tag == feed.ETag || tag == EntityTagHeaderValue.Any)
            : request.IfModifiedSince >= lastModified;
        return notModified ? Results.StatusCode(StatusCodes.Status304NotModified) : Results.Bytes(feed.Xml, feed.ContentType);
    }
}
