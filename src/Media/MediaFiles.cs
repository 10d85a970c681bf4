using System.Globalization;
using System.Text.RegularExpressions;
using Blog.Hosting;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace Blog.Media;

internal static partial class MediaFiles
{
    /// <summary>How long a reader waits for a missing WebP copy before getting the original instead.</summary>
    private static readonly TimeSpan VariantWait = TimeSpan.FromSeconds(10);

    [GeneratedRegex("^/([0-9a-f]{32})-([0-9]{1,5})\\.webp$", RegexOptions.CultureInvariant)]
    private static partial Regex VariantPath();

    /// <summary>
    /// Serves stored images at /media/ with their image type only (any other file there is not
    /// served), cached for long (names are content hashes), and their WebP copies at
    /// /media/variants/, made first when missing.
    /// </summary>
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
        app.UseWhen(context => context.Request.Path.StartsWithSegments(ImageVariants.UrlPrefix.TrimEnd('/')),
            branch => branch.Use(MakeMissingVariantAsync));
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

    /// <summary>
    /// A copy not made yet (the queue is behind, or another node stored the image) is made now,
    /// then served by the static files below. Only the widths the article pages ask for are made.
    /// If it cannot be made in time, the reader gets the original: a picture's source that fails
    /// shows nothing, while a redirect to the original still shows the image.
    /// </summary>
    private static async Task MakeMissingVariantAsync(HttpContext context, RequestDelegate next)
    {
        var rest = context.Request.Path.Value![(ImageVariants.UrlPrefix.Length - 1)..];
        var media = context.RequestServices.GetRequiredService<MediaFolder>();
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method)
            || VariantPath().Match(rest) is not { Success: true } match
            || media.OriginalOf(match.Groups[1].Value) is not { } original)
        {
            await next(context);
            return;
        }
        var width = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        if (File.Exists(media.VariantPath(original, width)))
        {
            await next(context);
            return;
        }
        var maker = context.RequestServices.GetRequiredService<VariantMaker>();
        if (await maker.MakeAsync(original, width, VariantWait, context.RequestAborted))
        {
            await next(context);
            return;
        }
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Redirect(Links.Media(original));
    }
}
