using Blog.Hosting;
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
        services.AddSingleton<ContentChangeInterceptor>();
        services.AddOutputCache(options =>
        {
            options.SizeLimit = 256L * 1024 * 1024;
            options.AddPolicy(PolicyName, builder => builder.AddPolicy<PublicPageCachePolicy>());
        });
        return services;
    }

    /// <summary>Output caching of public pages, unless turned off (Blog:OutputCache=false, for measuring).</summary>
    public static WebApplication UseBlogOutputCache(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<BlogOptions>>().Value.OutputCache)
            app.UseOutputCache();
        return app;
    }

    public static async ValueTask EvictAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        services.GetRequiredService<NextPublication>().Forget();
        services.GetRequiredService<SiteSettingsStore>().Invalidate();
        if (services.GetService<IOutputCacheStore>() is { } store)
            await store.EvictByTagAsync(PublicPageCachePolicy.ContentTag, cancellationToken);
    }
}
