using Blog.Hosting;
using Blog.Posts;
using Blog.Settings;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;

namespace Blog.Caching;

internal static class OutputCaching
{
    public const string PolicyName = "public";

    public static IServiceCollection AddBlogOutputCache(this IServiceCollection services)
    {
        services.AddSingleton<ContentVersion>();
        services.AddSingleton<NextPublication>();
        services.AddSingleton<PostCounts>();
        services.AddSingleton<ContentChangeInterceptor>();
        services.AddOutputCache(options =>
        {
            // The whole app should stay under 300 MB at 100,000 posts. A crawler walking every
            // article would fill a 256 MB cache on top of the app's own ~150 MB; 64 MB still holds
            // thousands of compressed pages (home, lists, feeds and the articles being read).
            options.SizeLimit = 64L * 1024 * 1024;
            options.AddPolicy(PolicyName, builder => builder.AddPolicy<PublicPageCachePolicy>());
        });
        return services;
    }

    /// <summary>
    /// Output caching of public pages, unless turned off (Blog:OutputCache=false, for measuring);
    /// and, cache or not, a look once a second for content that another process changed.
    /// </summary>
    public static WebApplication UseBlogOutputCache(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var version = context.RequestServices.GetRequiredService<ContentVersion>();
            if (HttpMethods.IsGet(context.Request.Method) && await version.ChangedElsewhereAsync(context.RequestAborted))
                await EvictAsync(context.RequestServices, changedElsewhere: true, context.RequestAborted);
            await next(context);
        });
        if (app.Services.GetRequiredService<IOptions<BlogOptions>>().Value.OutputCache)
            app.UseOutputCache();
        return app;
    }

    /// <summary>
    /// Drops what was remembered of the content. Settings are read again only when another
    /// process changed things (this one keeps its own settings current as it saves them).
    /// </summary>
    public static async ValueTask EvictAsync(IServiceProvider services, bool changedElsewhere, CancellationToken cancellationToken)
    {
        services.GetRequiredService<NextPublication>().Forget();
        services.GetRequiredService<PostCounts>().Clear();
        if (changedElsewhere)
            services.GetRequiredService<SiteSettingsStore>().Invalidate();
        if (services.GetService<IOutputCacheStore>() is { } store)
            await store.EvictByTagAsync(PublicPageCachePolicy.ContentTag, cancellationToken);
    }
}
