using Blog.Localization;
using Blog.Media;
using Blog.Settings;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.Localization;

namespace Blog.Hosting;

/// <summary>
/// Caps the uploads a page accepts. Antiforgery validation reads the whole form before any
/// handler runs, so a handler's own size check comes after a 20 MB body has been received and
/// buffered. This runs first (after sign-in, before antiforgery): a body whose declared length
/// is over the limit is never read; the author is sent back to the page, which shows why. The
/// same limit is set on the server and the form reader, so a body without a declared length
/// stops there too. Handlers still check each file, whose size only they know.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class UploadLimitAttribute : Attribute, IAuthorizationFilter, IOrderedFilter
{
    /// <summary>The TempData key under which the refusal reaches the page's next GET.</summary>
    public const string RefusedKey = "UploadRefused";

    /// <summary>Multipart boundaries, headers and the other fields around the file.</summary>
    public const long FormOverheadBytes = 64 * 1024;

    /// <summary>A fixed limit in bytes; 0 means the site's upload limit (Settings).</summary>
    public long Bytes { get; init; }

    /// <summary>The refusal, a key of the interface's resources: {0} is the upload's size, {1} the limit; it says what the author can do instead.</summary>
    public string Message { get; init; } = "The upload is {0}, over the limit of {1}. Nothing was stored.";

    // RequestSizeLimit and RequestFormLimits use 900 for the same reason: antiforgery is 1000.
    public int Order => 900;

    public void OnAuthorization(AuthorizationFilterContext context)
    {
        var http = context.HttpContext;
        if (!HttpMethods.IsPost(http.Request.Method))
            return;

        var limit = Bytes > 0 ? Bytes : http.RequestServices.GetRequiredService<SiteSettingsStore>().Current.UploadLimitBytes;
        if (http.Request.ContentLength > limit + FormOverheadBytes)
        {
            var tempData = http.RequestServices.GetRequiredService<ITempDataDictionaryFactory>().GetTempData(http);
            var text = http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
            tempData[RefusedKey] = text[Message, ByteSize.Format(http.Request.ContentLength.Value), ByteSize.Format(limit)].Value;
            tempData.Save();
            context.Result = new RedirectResult(http.Request.PathBase + http.Request.Path);
            return;
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
            bodySize.MaxRequestBodySize = limit + FormOverheadBytes;
        if (http.Features.Get<IFormFeature>()?.Form is null)
            http.Features.Set<IFormFeature>(new FormFeature(http.Request, new FormOptions { MultipartBodyLengthLimit = limit + FormOverheadBytes }));
    }
}
