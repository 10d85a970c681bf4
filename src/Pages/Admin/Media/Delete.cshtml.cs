using Blog.Data;
using Blog.Localization;
using Blog.Media;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Blog.Pages.Admin.Media;

/// <summary>Asks before deleting an image, naming the posts whose Markdown still links to it.</summary>
public class DeleteModel(BlogDbContext db, MediaStore store, IStringLocalizer<SharedResource> text) : PageModel
{
    public sealed record PostUse(int Id, string Title, string Slug, PostStatus Status, bool Trashed);

    public string OriginalName { get; private set; } = "";
    public string ImageUrl { get; private set; } = "";
    public long Size { get; private set; }
    public IReadOnlyList<PostUse> UsedBy { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var media = await db.Media.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (media is null)
            return NotFound();
        (OriginalName, ImageUrl, Size) = (media.OriginalName, MediaStore.UrlPrefix + media.FileName, media.Size);
        UsedBy = await PostsUsingAsync(ImageUrl, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        var media = await db.Media.FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (media is null)
        {
            TempData["Status"] = text["That image was already deleted."].Value;
            return RedirectToPage("Index");
        }

        // Counted again now: a post may have started using it since the question was asked.
        var usedBy = await PostsUsingAsync(MediaStore.UrlPrefix + media.FileName, cancellationToken);
        await store.DeleteAsync(media, cancellationToken);
        TempData["Status"] = usedBy.Count == 0
            ? text["Deleted “{0}”.", media.OriginalName].Value
            : text[usedBy.Count == 1 ? "Deleted “{0}”; {1} post still links to it and now shows a broken image." : "Deleted “{0}”; {1} posts still link to it and now show a broken image.", media.OriginalName, usedBy.Count].Value;
        return RedirectToPage("Index");
    }

    /// <summary>Posts whose Markdown contains the image's URL, trashed ones too: they can be restored.</summary>
    private Task<List<PostUse>> PostsUsingAsync(string url, CancellationToken cancellationToken) =>
        db.Posts.AsNoTracking()
            .Where(p => p.Markdown.Contains(url))
            .OrderBy(p => p.DeletedAt != null).ThenByDescending(p => p.UpdatedAt)
            .Select(p => new PostUse(p.Id, p.Title, p.Slug, p.Status, p.DeletedAt != null))
            .ToListAsync(cancellationToken);
}
