using System.ComponentModel.DataAnnotations;
using Blog.Content;
using Blog.Data;
using Blog.Hosting;
using Blog.Localization;
using Blog.Media;
using Blog.Posts;
using Blog.Settings;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Blog.Pages.Admin.Media;

/// <summary>The media library: upload an image, describe it, copy its Markdown, delete it.</summary>
[UploadLimit(Message = "The upload is {0}, over the limit of {1} set in Settings. Nothing was stored.")]
public class IndexModel(BlogDbContext db, MediaStore store, SiteSettingsStore settings, MarkdownRenderer renderer, MediaCatalog catalog, MediaFolder folder, IStringLocalizer<SharedResource> text) : PageModel
{
    public const int PageSize = 24;

    public sealed record MediaRow(int Id, string FileName, string OriginalName, long Size, DateTime UploadedAt, int? Width, int? Height, string? Description)
    {
        public string Url => MediaStore.UrlPrefix + FileName;
        public string Markdown => MediaMarkdown.Image(OriginalName, Url, Description);
    }

    public sealed class InputModel
    {
        public IFormFile? File { get; set; }

        [StringLength(1000)]
        public string? Description { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<MediaRow> Items { get; private set; } = [];
    public int Total { get; private set; }
    public int Number { get; private set; } = 1;
    public int TotalPages { get; private set; } = 1;
    public long UploadLimit => settings.Current.UploadLimitBytes;

    public string Link(int number) => number <= 1 ? "/admin/media" : $"/admin/media?page={number}";

    // "page" is the route value Razor Pages names the page with: the query's page number is bound by name.
    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] string? pageNumber, CancellationToken cancellationToken)
    {
        if (TempData[UploadLimitAttribute.RefusedKey] is string refused)
            ModelState.AddModelError("", refused);
        return Paging.ParsePageNumber(pageNumber) is { } number && await LoadAsync(number, cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostUploadAsync(CancellationToken cancellationToken)
    {
        var file = Input.File;
        var name = Path.GetFileName(file?.FileName ?? "");
        var problem = file switch
        {
            null => text["Choose an image to upload."].Value,
            { Length: 0 } => text["“{0}” is empty.", name].Value,
            _ when file.Length > UploadLimit =>
                text["“{0}” is {1}, over the upload limit of {2} set in Settings. Nothing was stored.", name, ByteSize.Format(file.Length), ByteSize.Format(UploadLimit)].Value,
            _ => null,
        };
        if (problem is null)
        {
            var content = new byte[file!.Length];
            await using (var stream = file.OpenReadStream())
                await stream.ReadExactlyAsync(content, cancellationToken);

            if (await store.SaveAsync(content, name, cancellationToken) is { } stored)
            {
                await db.SaveChangesAsync(cancellationToken);
                TempData["Status"] = stored.AlreadyStored
                    ? text["“{0}” is the same image as “{1}”, already in the library: it was not stored again.", name, stored.Media.OriginalName].Value
                    : text["Uploaded “{0}” ({1}).", name, ByteSize.Format(content.Length)].Value;
                return Redirect($"{Link(await PageOfAsync(stored.Media, cancellationToken))}#media-{stored.Media.Id}");
            }
            problem = Refusal(text, name, content);
        }

        ModelState.AddModelError("", problem);
        await LoadAsync(1, cancellationToken);
        return Page();
    }

    /// <summary>Saves an image's description: the alt text of the notes that give it none, or only its file name.</summary>
    public async Task<IActionResult> OnPostDescribeAsync(int id, CancellationToken cancellationToken)
    {
        var media = await db.Media.FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (media is null)
            return NotFound();
        if (!ModelState.IsValid)
        {
            TempData["Status"] = text["A description can be up to 1,000 characters; it was not saved."].Value;
            return Redirect($"{Link(await PageOfAsync(media, cancellationToken))}#media-{id}");
        }
        var rendered = await db.DescribeAsync(media, Input.Description, renderer, catalog, folder, cancellationToken);
        TempData["Status"] = media.Description is null
            ? text["Removed the description of “{0}”.", media.OriginalName].Value
            : rendered == 0 ? text["Saved the description of “{0}”.", media.OriginalName].Value
            : text[rendered == 1 ? "Saved the description of “{0}”; {1} post showing it updated." : "Saved the description of “{0}”; {1} posts showing it updated.", media.OriginalName, rendered].Value;
        return Redirect($"{Link(await PageOfAsync(media, cancellationToken))}#media-{id}");
    }

    /// <summary>Says what the file is when that helps: an SVG can carry scripts, an HTML page renamed .png is not a picture.</summary>
    internal static string Refusal(IStringLocalizer text, string name, byte[] content)
    {
        var found = RefusedContent.Describe(content);
        if (found == "an SVG image")
            return text["“{0}” is an SVG image, which can carry scripts, so it is not accepted. Export it as PNG or WebP and upload that.", name];
        // "text" would collide with the key "Text": resource names ignore case.
        var what = found is null ? null : text[found == "text" ? "plain text" : found].Value;
        var namedLikeImage = ImageFormats.FromExtension(Path.GetExtension(name)) is not null;
        if (namedLikeImage)
            return what is null
                ? text["“{0}” is named like an image, but its content is not a PNG, JPEG, GIF or WebP image. Images are recognised by their content, not their name; nothing was stored.", name]
                : text["“{0}” is named like an image, but its content is {1}. Images are recognised by their content, not their name; nothing was stored.", name, what];
        return what is null
            ? text["“{0}” is not a PNG, JPEG, GIF or WebP image, so it was not uploaded.", name]
            : text["“{0}” is not a PNG, JPEG, GIF or WebP image (it is {1}), so it was not uploaded.", name, what];
    }

    private async Task<bool> LoadAsync(int number, CancellationToken cancellationToken)
    {
        Total = await db.Media.CountAsync(cancellationToken);
        TotalPages = Math.Max(1, (Total + PageSize - 1) / PageSize);
        if (number > TotalPages)
            return false;
        Number = number;
        Items = await db.Media.AsNoTracking()
            .OrderByDescending(m => m.UploadedAt).ThenByDescending(m => m.Id)
            .Skip((number - 1) * PageSize).Take(PageSize)
            .Select(m => new MediaRow(m.Id, m.FileName, m.OriginalName, m.Size, m.UploadedAt, m.Width, m.Height, m.Description))
            .ToListAsync(cancellationToken);
        return true;
    }

    /// <summary>The page an image is listed on, so that an old image uploaded again can be shown where it is.</summary>
    private async Task<int> PageOfAsync(Data.Media media, CancellationToken cancellationToken)
    {
        var newer = await db.Media.CountAsync(m => m.UploadedAt > media.UploadedAt || (m.UploadedAt == media.UploadedAt && m.Id > media.Id), cancellationToken);
        return newer / PageSize + 1;
    }
}
