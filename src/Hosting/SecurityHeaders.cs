namespace Blog.Hosting;

internal static class SecurityHeaders
{
    /// <summary>Headers every response carries; pages never need inline script or framing.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers.XFrameOptions = "DENY";
            headers.ContentSecurityPolicy =
                "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' https: data:; "
                + "font-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
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
