using System.ComponentModel.DataAnnotations;
using Blog.Content;
using Blog.Data;
using Blog.Hosting;
using Blog.Media;
using Blog.Posts;
using Blog.Settings;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Blog.Pages.Admin.Media;

/// <summary>The media library: upload an image, describe it, copy its Markdown, delete it.</summary>
[UploadLimit(Advice = " set in Settings")]
public class IndexModel(BlogDbContext db, MediaStore store, SiteSettingsStore settings, MarkdownRenderer renderer, MediaCatalog catalog, MediaFolder folder) : PageModel
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
            null => "Choose an image to upload.",
            { Length: 0 } => $"“{name}” is empty.",
            _ when file.Length > UploadLimit =>
                $"“{name}” is {ByteSize.Format(file.Length)}, over the upload limit of {ByteSize.Format(UploadLimit)} set in Settings. Nothing was stored.",
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
                    ? $"“{name}” is the same image as “{stored.Media.OriginalName}”, already in the library: it was not stored again."
                    : $"Uploaded “{name}” ({ByteSize.Format(content.Length)}).";
                return Redirect($"{Link(await PageOfAsync(stored.Media, cancellationToken))}#media-{stored.Media.Id}");
            }
            problem = Refusal(name, content);
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
            TempData["Status"] = "A description can be up to 1,000 characters; it was not saved.";
            return Redirect($"{Link(await PageOfAsync(media, cancellationToken))}#media-{id}");
        }
        var rendered = await db.DescribeAsync(media, Input.Description, renderer, catalog, folder, cancellationToken);
        TempData["Status"] = media.Description is null
            ? $"Removed the description of “{media.OriginalName}”."
            : $"Saved the description of “{media.OriginalName}”" + (rendered == 0 ? "." : $"; {DeleteModel.Plural(rendered)} showing it updated.");
        return Redirect($"{Link(await PageOfAsync(media, cancellationToken))}#media-{id}");
    }

    /// <summary>Says what the file is when that helps: an SVG can carry scripts, an HTML page renamed .png is not a picture.</summary>
    internal static string Refusal(string name, byte[] content)
    {
        var what = RefusedContent.Describe(content);
        if (what == "an SVG image")
            return $"“{name}” is an SVG image, which can carry scripts, so it is not accepted. Export it as PNG or WebP and upload that.";
        var namedLikeImage = ImageFormats.FromExtension(Path.GetExtension(name)) is not null;
        if (namedLikeImage)
            return $"“{name}” is named like an image, but its content is {what ?? "not a PNG, JPEG, GIF or WebP image"}. "
                + "Images are recognised by their content, not their name; nothing was stored.";
        return $"“{name}” is not a PNG, JPEG, GIF or WebP image{(what is null ? "" : $" (it is {what})")}, so it was not uploaded.";
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
