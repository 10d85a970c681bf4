namespace Blog.Hosting;

internal static class SecurityHeaders
{
    /// <summary>Headers every response carries; pages never need inline script or framing.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app, BlogOptions options)
    {
        var policy = ContentSecurityPolicy(options.ImageHosts);
        return app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers.XFrameOptions = "DENY";
            headers.ContentSecurityPolicy = policy;
            if (context.Request.Path.StartsWithSegments("/admin"))
            {
                // Never keep admin pages in a shared or back-forward cache. Set late, unless
                // antiforgery already did ("no-cache, no-store"), which warns when it must override.
                context.Response.OnStarting(() =>
                {
                    if (string.IsNullOrEmpty(context.Response.Headers.CacheControl))
                        context.Response.Headers.CacheControl = "no-store";
                    return Task.CompletedTask;
                });
            }
            return next(context);
        });
    }

    /// <summary>
    /// Images come from the site itself (uploads, imported notes) and from the hosts the author
    /// lists, nowhere else: an image from any other host would tell it who reads what (a tracking
    /// pixel), and a note pasted from the web brings such images along unnoticed. data: images are
    /// allowed: notes written in Typora carry pasted screenshots as base64 PNG/JPEG/GIF/WebP, which
    /// the sanitizer admits (and no other data: URL); they come from the page itself, not elsewhere.
    /// </summary>
    public static string ContentSecurityPolicy(IEnumerable<string> imageHosts)
    {
        var images = string.Concat(imageHosts.Where(h => !string.IsNullOrWhiteSpace(h)).Select(h => " " + ImageSource(h.Trim())));
        return $"default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:{images}; "
            + "font-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    }

    /// <summary>
    /// One allowed image host as a CSP source: "images.example.com" (HTTPS implied),
    /// "*.example.com", or an origin "https://images.example.com:8443". Anything else (a path, a
    /// space, a semicolon that would end the directive) stops the start with the setting's name.
    /// </summary>
    private static string ImageSource(string host)
    {
        var withScheme = host.Contains("://", StringComparison.Ordinal) ? host : "https://" + host;
        var wildcard = withScheme.Contains("://*.", StringComparison.Ordinal);
        if (!Uri.TryCreate(withScheme.Replace("://*.", "://wildcard.", StringComparison.Ordinal), UriKind.Absolute, out var url)
            || url.Scheme is not ("https" or "http") || url.HostNameType is not (UriHostNameType.Dns or UriHostNameType.IPv4)
            || url.AbsolutePath != "/" || url.Query.Length > 0 || url.Fragment.Length > 0 || url.UserInfo.Length > 0)
        {
            throw new InvalidOperationException(
                $"Blog:ImageHosts holds '{host}'; give a host name (images.example.com, *.example.com) or an origin (https://images.example.com), without a path.");
        }
        var name = wildcard ? "*." + url.IdnHost["wildcard.".Length..] : url.IdnHost;
        return $"{url.Scheme}://{name}{(url.IsDefaultPort ? "" : ":" + url.Port)}";
    }
}
