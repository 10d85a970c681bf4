using Blog.Data;
using Blog.Taxonomy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Blog.Pages.Admin.Tags;

public class DeleteModel(BlogDbContext db) : PageModel
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
            TempData["Status"] = "That tag was already deleted.";
            return RedirectToPage("Index");
        }

        // Tracked, one SaveChanges: atomic, and seen by the page cache and the search index.
        var detached = await TagLinks.DetachAsync(db, id, cancellationToken);
        await db.HandOverAsync(RedirectKind.Tag, id, tag.Slug, toId: null, cancellationToken);
        db.Tags.Remove(tag);
        await db.SaveChangesAsync(cancellationToken);

        TempData["Status"] = detached == 0
            ? $"Deleted the tag “{tag.Name}”."
            : $"Deleted the tag “{tag.Name}” and took it off {(detached == 1 ? "1 post" : $"{detached} posts")}.";
        return RedirectToPage("Index");
    }
}
