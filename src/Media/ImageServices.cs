namespace Blog.Media;

public static class ImageServices
{
    /// <summary>Image sizes for the renderer, WebP copies made in the background and on demand.</summary>
    public static IServiceCollection AddImageServices(this IServiceCollection services)
    {
        services.AddSingleton<MediaFolder>();
        services.AddSingleton<MediaCatalog>();
        services.AddSingleton<ArticleImages>();
        services.AddSingleton<VariantMaker>();
        services.AddSingleton<VariantQueue>();
        services.AddHostedService(s => s.GetRequiredService<VariantQueue>());
        return services;
    }
}
