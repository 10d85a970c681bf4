using Blog.Data;
using Blog.Localization;
using Blog.Taxonomy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Blog.Pages.Admin.Categories;

public class DeleteModel(BlogDbContext db, IStringLocalizer<SharedResource> text) : PageModel
{
    public sealed record CategoryOption(int Id, string Name);

    public sealed class InputModel
    {
        /// <summary>Where the posts go; empty means no category.</summary>
        public int? MoveTo { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string Name { get; private set; } = "";
    public string Slug { get; private set; } = "";
    public int Posts { get; private set; }
    public int Trashed { get; private set; }
    public IReadOnlyList<CategoryOption> Others { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        var category = await db.Categories.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (category is null)
        {
            TempData["Status"] = text["That category was already deleted."].Value;
            return RedirectToPage("Index");
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync(id, cancellationToken);
            return Page();
        }
        var target = Input.MoveTo is { } moveTo
            ? await db.Categories.Where(c => c.Id == moveTo && c.Id != id).Select(c => new { c.Id, c.Name }).FirstOrDefaultAsync(cancellationToken)
            : null;
        if (Input.MoveTo is not null && target is null)
        {
            ModelState.AddModelError("Input.MoveTo", text["That category no longer exists: choose another."]);
            await LoadAsync(id, cancellationToken);
            return Page();
        }

        int? targetId = target?.Id;
        // Tracked, in one SaveChanges: atomic, and the save (ContentChange) re-indexes the moved posts
        // and evict cached pages. Trashed posts move too: restored later, they land in the new
        // category rather than in a missing one.
        var posts = await db.Posts.Where(p => p.CategoryId == id).ToListAsync(cancellationToken);
        foreach (var post in posts)
            post.CategoryId = targetId;
        var moved = posts.Count;
        await db.HandOverAsync(RedirectKind.Category, id, category.Slug, targetId, cancellationToken);
        db.Categories.Remove(category);
        await db.SaveChangesAsync(cancellationToken);

        TempData["Status"] = moved == 0
            ? text["Deleted the category “{0}”.", category.Name].Value
            : target is null
                ? text[moved == 1 ? "Deleted the category “{0}”; its {1} post now has no category." : "Deleted the category “{0}”; its {1} posts now have no category.", category.Name, moved].Value
                : text[moved == 1 ? "Deleted the category “{0}”; its {1} post moved to “{2}”, and its address redirects there." : "Deleted the category “{0}”; its {1} posts moved to “{2}”, and its address redirects there.", category.Name, moved, target.Name].Value;
        return RedirectToPage("Index");
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var category = await db.Categories.AsNoTracking().Where(c => c.Id == id)
            .Select(c => new { c.Name, c.Slug, Posts = c.Posts.Count(), Trashed = c.Posts.Count(p => p.DeletedAt != null) })
            .FirstOrDefaultAsync(cancellationToken);
        if (category is null)
            return false;
        (Name, Slug, Posts, Trashed) = (category.Name, category.Slug, category.Posts, category.Trashed);
        Others = await db.Categories.AsNoTracking().Where(c => c.Id != id).OrderBy(c => c.Order).ThenBy(c => c.Name)
            .Select(c => new CategoryOption(c.Id, c.Name)).ToListAsync(cancellationToken);
        return true;
    }
}
