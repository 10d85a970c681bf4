using System.Text.Encodings.Web;
using Blog.Localization;
using Blog.Settings;
using Microsoft.Extensions.Localization;

namespace Blog.Availability;

/// <summary>
/// The page readers and the author get while the database cannot be used: a 503 that says so
/// and when to try again, instead of a stack trace or an error page that itself needs the
/// database (the site's layout reads its settings from it). Self-contained for that reason.
/// </summary>
internal static class UnavailablePage
{
    public static async Task WriteAsync(HttpContext context, TimeSpan retryAfter)
    {
        var response = context.Response;
        response.Clear();
        response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers.CacheControl = "no-store";
        response.ContentType = "text/html; charset=utf-8";
        if (!HttpMethods.IsHead(context.Request.Method))
            await response.WriteAsync(Html(context.RequestServices), context.RequestAborted);
    }

    /// <summary>In the interface's language as last read (the database cannot be asked now); Simplified Chinese before any.</summary>
    private static string Html(IServiceProvider services)
    {
        var language = InterfaceLanguages.Normalize(services.GetRequiredService<SiteSettingsStore>().Cached?.InterfaceLanguage);
        var text = services.GetRequiredService<IStringLocalizer<SharedResource>>();
        var html = services.GetRequiredService<HtmlEncoder>(); // the site's, which leaves Chinese as characters
        string T(string key) => html.Encode(text.InLanguage(language, key));
        return Template
            .Replace("{lang}", language)
            .Replace("{title}", T("The database is not reachable"))
            .Replace("{explanation}", T("The site is running but cannot reach its database right now. It keeps trying and will serve this page again by itself as soon as the database answers. Nothing that was saved is lost."))
            .Replace("{again}", T("Please try again in a moment."));
    }

    private const string Template = """
        <!DOCTYPE html>
        <html lang="{lang}">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <meta name="color-scheme" content="light dark">
          <meta name="robots" content="noindex">
          <title>{title}</title>
          <style>
            body { margin: 0; min-height: 100vh; display: grid; place-items: center; font: 16px/1.6 system-ui, sans-serif;
                   background: #f6f5f0; color: #1d2321; }
            main { max-width: 34rem; padding: 2rem; }
            .signal { letter-spacing: .2em; font-size: .8rem; opacity: .7; }
            @media (prefers-color-scheme: dark) { body { background: #0f1211; color: #e4e7e5; } }
          </style>
        </head>
        <body>
          <main>
            <p class="signal">SIGNAL LOST · 503</p>
            <h1>{title}</h1>
            <p>{explanation}</p>
            <p>{again}</p>
          </main>
        </body>
        </html>
        """;
}
