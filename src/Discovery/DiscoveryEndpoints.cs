using Blog.Hosting;
using Microsoft.Extensions.Options;

namespace Blog.Discovery;

internal static class DiscoveryEndpoints
{
    public static RouteGroupBuilder MapDiscovery(this IEndpointRouteBuilder endpoints)
    {
        var app = endpoints.MapGroup("");
        app.MapGet("/robots.txt", (HttpContext context, IOptions<BlogOptions> options) => Results.Text(
            $"User-agent: *\nDisallow: /admin\nSitemap: {SiteUrls.Absolute(context, options.Value, "/sitemap.xml")}\n",
            "text/plain; charset=utf-8"));
        app.MapSitemaps();
        return app;
    }
}
