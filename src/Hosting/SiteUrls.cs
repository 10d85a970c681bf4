namespace Blog.Hosting;

/// <summary>Absolute URLs for canonical links and feeds: the configured base URL, else the request's.</summary>
public static class SiteUrls
{
    public static string Base(HttpContext context, BlogOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.BaseUrl))
            return options.BaseUrl.TrimEnd('/');
        var request = context.Request;
        return $"{request.Scheme}://{request.Host}{request.PathBase}".TrimEnd('/');
    }

    public static string Absolute(HttpContext context, BlogOptions options, string path) =>
        Base(context, options) + (path.StartsWith('/') ? path : "/" + path);
}
