using Blog.Posts;

namespace Blog.Caching;

internal static class OutputCaching
{
    public static IServiceCollection AddBlogOutputCache(this IServiceCollection services)
    {
        services.AddSingleton<ContentVersion>();
        services.AddSingleton<NextPublication>();
        services.AddSingleton<PostCounts>();
        services.AddSingleton<RelatedPostsIndex>();
        services.AddSingleton<ContentCaches>();
        services.AddSingleton<PageCache>();
        services.AddSingleton<PublicPageCachePolicy>();
        return services;
    }

    /// <summary>
    /// Cached public pages answered first (unless turned off: Blog:OutputCache=false, for
    /// measuring), and, cache or not, a look once a second for content that another process changed.
    /// Call it first, after the forwarded headers; <paramref name="httpsOnly"/> when plain HTTP is redirected.
    /// </summary>
    public static IApplicationBuilder UseCachedPages(this IApplicationBuilder app, bool httpsOnly) =>
        app.UseMiddleware<CachedPagesMiddleware>(httpsOnly);

    /// <summary>Where public pages are stored: after authentication (signed-in authors' pages never are), inside the response compression.</summary>
    public static IApplicationBuilder UsePageStorage(this IApplicationBuilder app) => app.UseMiddleware<PageStorageMiddleware>();

    /// <summary>Marks endpoints whose anonymous answers are public pages, kept until the content changes.</summary>
    public static TBuilder CachePublicPages<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(PublicPage.Metadata);
}
