using Blog.Hosting;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace Blog.Media;

internal static class MediaFiles
{
    /// <summary>Serves stored images at /media/ with their image type only (any other file there is not served), cached for long (names are content hashes).</summary>
    public static WebApplication UseMediaFiles(this WebApplication app, BlogOptions options)
    {
        var folder = Path.GetFullPath(options.MediaPath);
        Directory.CreateDirectory(folder);
        var types = new FileExtensionContentTypeProvider(new Dictionary<string, string>
        {
            [".png"] = "image/png",
            [".jpg"] = "image/jpeg",
            [".gif"] = "image/gif",
            [".webp"] = "image/webp",
        });
        app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = MediaStore.UrlPrefix.TrimEnd('/'),
            FileProvider = new PhysicalFileProvider(folder),
            ContentTypeProvider = types,
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                headers.CacheControl = "public, max-age=31536000, immutable";
                // An image opened on its own is a document: should a browser ever take one for a page
                // (a GIF/HTML polyglot and a browser ignoring nosniff), it is a sandbox with no script.
                headers.ContentSecurityPolicy = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox";
            },
        });
        return app;
    }
}
