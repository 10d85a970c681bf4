using Blog.Data;
using Blog.Localization;
using Blog.Taxonomy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Blog.Pages.Admin.Tags;

public class DeleteModel(BlogDbContext db, IStringLocalizer<SharedResource> text) : PageModel
{
    public string Name { get; private set; } = "";
    public string Slug { get; private set; } = "";
    public int Posts { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var tag = await db.Tags.AsNoTracking().Where(t => t.Id == id)
            .Select(t => new { t.Name, t.Slug, Posts = t.Posts.Count() }).FirstOrDefaultAsync(cancellationToken);
        if (tag is null)
            return NotFound();
        (Name, Slug, Posts) = (tag.Name, tag.Slug, tag.Posts);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        var tag = await db.Tags.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (tag is null)
        {
            TempData["Status"] = text["That tag was already deleted."].Value;
            return RedirectToPage("Index");
        }

        // Tracked, one SaveChanges: atomic, and seen by the page cache and the search index.
        var detached = await TagLinks.DetachAsync(db, id, cancellationToken);
        await db.HandOverAsync(RedirectKind.Tag, id, tag.Slug, toId: null, cancellationToken);
        db.Tags.Remove(tag);
        await db.SaveChangesAsync(cancellationToken);

        TempData["Status"] = detached == 0
            ? text["Deleted the tag “{0}”.", tag.Name].Value
            : text[detached == 1 ? "Deleted the tag “{0}” and took it off {1} post." : "Deleted the tag “{0}” and took it off {1} posts.", tag.Name, detached].Value;
        return RedirectToPage("Index");
    }
}
