using Blog.Data;
using Blog.Localization;
using Blog.Media;
using Blog.Settings;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Blog.Pages.Admin.Media;

/// <summary>
/// Where the editor uploads a pasted or dropped image (multipart, one "file" field), answering
/// JSON: <c>{ url, name, alt }</c>, or <c>{ error }</c> with 400, 413 or 415. Only images pass: the
/// content is sniffed, so an HTML page named .png or an SVG (which can carry script) is refused.
/// </summary>
// The limit the author set is checked below; this cap only keeps a huge body from being read
// at all, since the framework reads the whole multipart form before the handler runs.
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
public class UploadModel(BlogDbContext db, MediaStore store, SiteSettingsStore settings, IStringLocalizer<SharedResource> text) : PageModel
{
    private const long MaxRequestBytes = 256L * 1024 * 1024;

    // Multipart boundaries and headers around the file.
    private const long FormOverheadBytes = 64 * 1024;

    public IActionResult OnGet() => StatusCode(StatusCodes.Status405MethodNotAllowed);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var limit = settings.Current.UploadLimitBytes;
        if (Request.ContentLength > limit + FormOverheadBytes)
            return TooLarge(limit);
        // Refuse a body without a length (chunked) as soon as it passes the limit, not at the cap.
        if (HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
            sizeFeature.MaxRequestBodySize = limit + FormOverheadBytes;

        IFormFile? file;
        try
        {
            if (!Request.HasFormContentType)
                return Error(StatusCodes.Status400BadRequest, text["Send the image as multipart/form-data, in a field named “file”."]);
            var form = await Request.ReadFormAsync(cancellationToken);
            file = form.Files.GetFile("file") ?? form.Files.FirstOrDefault();
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(limit);
        }
        catch (InvalidDataException)
        {
            return TooLarge(limit);
        }

        if (file is null || file.Length == 0)
            return Error(StatusCodes.Status400BadRequest, text["No file was received."]);
        if (file.Length > limit)
            return TooLarge(limit);

        var content = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
            await stream.ReadExactlyAsync(content, cancellationToken);

        var stored = await store.SaveAsync(content, file.FileName, cancellationToken);
        if (stored is null)
            return Error(StatusCodes.Status415UnsupportedMediaType,
                text["“{0}” is not a PNG, JPEG, GIF or WebP image, so it was not uploaded. (SVG is not accepted: it can carry scripts.)", file.FileName]);
        await db.SaveChangesAsync(cancellationToken);
        // alt: the image's description, or its file name when that says something; empty invites the author to write one.
        return new JsonResult(new
        {
            url = stored.Url,
            name = Path.GetFileNameWithoutExtension(file.FileName),
            alt = MediaMarkdown.AltFor(file.FileName, stored.Media.Description),
        });
    }

    private JsonResult TooLarge(long limit) =>
        Error(StatusCodes.Status413PayloadTooLarge, text["The image is larger than the upload limit of {0} (see Settings).", Size(limit)]);

    private static JsonResult Error(int status, string message) => new(new { error = message }) { StatusCode = status };

    private static string Size(long bytes) => bytes >= 1024 * 1024 ? $"{bytes / (1024.0 * 1024):0.#} MB" : $"{bytes / 1024.0:0.#} KB";
}
