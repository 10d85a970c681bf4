using System.ComponentModel.DataAnnotations;
using Blog.Data;
using Blog.Localization;
using Blog.Taxonomy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Blog.Pages.Admin.Categories;

public class EditModel(BlogDbContext db, IStringLocalizer<SharedResource> text) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter a name."), StringLength(100, ErrorMessage = "Keep the name within 100 characters.")]
        public string Name { get; set; } = "";

        [StringLength(200, ErrorMessage = "Keep the slug within 200 characters.")]
        public string? Slug { get; set; }

        [StringLength(1000, ErrorMessage = "Keep the description within 1000 characters.")]
        public string? Description { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>The name and slug as stored, for the heading and the hints while the form shows what was typed.</summary>
    public string CurrentName { get; private set; } = "";
    public string CurrentSlug { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var category = await db.Categories.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (category is null)
            return NotFound();
        (CurrentName, CurrentSlug) = (category.Name, category.Slug);
        Input = new InputModel { Name = category.Name, Slug = category.Slug, Description = category.Description };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        var category = await db.Categories.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (category is null)
        {
            TempData["Status"] = text["That category no longer exists; nothing was saved."].Value;
            return RedirectToPage("Index");
        }
        (CurrentName, CurrentSlug) = (category.Name, category.Slug);

        var name = Input.Name?.Trim() ?? "";
        var slug = ModelState.IsValid
            ? await CategoryRules.CheckNameAndSlugAsync(db, ModelState, text, name, Input.Slug, category, cancellationToken)
            : null;
        if (slug is null)
            return Page();

        var oldSlug = category.Slug;
        category.Name = name;
        category.Slug = slug;
        category.Description = string.IsNullOrWhiteSpace(Input.Description) ? null : Input.Description.Trim();
        await db.RecordRenameAsync(RedirectKind.Category, category.Id, oldSlug, slug, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);

        TempData["Status"] = oldSlug == slug
            ? text["Saved the category “{0}”.", name].Value
            : text["Saved the category “{0}”; /category/{1} now redirects to /category/{2}.", name, oldSlug, slug].Value;
        return RedirectToPage("Index");
    }
}
