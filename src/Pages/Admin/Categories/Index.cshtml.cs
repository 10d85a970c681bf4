using System.ComponentModel.DataAnnotations;
using Blog.Data;
using Blog.Localization;
using Blog.Posts;
using Blog.Taxonomy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Blog.Pages.Admin.Categories;

public class IndexModel(BlogDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> text) : PageModel
{
    public sealed record CategoryRow(int Id, string Name, string Slug, string? Description, int Order, int Posts, int Published);

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter a name."), StringLength(100, ErrorMessage = "Keep the name within 100 characters.")]
        public string Name { get; set; } = "";

        [StringLength(200, ErrorMessage = "Keep the slug within 200 characters.")]
        public string? Slug { get; set; }

        [StringLength(1000, ErrorMessage = "Keep the description within 1000 characters.")]
        public string? Description { get; set; }
    }

    /// <summary>The new-category form.</summary>
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<CategoryRow> Categories { get; private set; } = [];

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        var name = Input.Name?.Trim() ?? "";
        var slug = ModelState.IsValid
            ? await CategoryRules.CheckNameAndSlugAsync(db, ModelState, text, name, Input.Slug, current: null, cancellationToken)
            : null;
        if (slug is null)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        var last = await db.Categories.MaxAsync(c => (int?)c.Order, cancellationToken) ?? 0;
        db.Categories.Add(new Category
        {
            Name = name,
            Slug = slug,
            Description = string.IsNullOrWhiteSpace(Input.Description) ? null : Input.Description.Trim(),
            Order = last + 1,
        });
        await db.ForgetRedirectAsync(RedirectKind.Category, slug, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = text["Created the category “{0}” at /category/{1}.", name, slug].Value;
        return RedirectToPage();
    }

    /// <summary>Swaps a category with its neighbour; the public lists follow this order.</summary>
    public async Task<IActionResult> OnPostMoveAsync(int id, string? direction, CancellationToken cancellationToken)
    {
        // Only the id and direction matter here; the new-category form is not part of this post.
        var categories = await db.Categories.OrderBy(c => c.Order).ThenBy(c => c.Name).ToListAsync(cancellationToken);
        var index = categories.FindIndex(c => c.Id == id);
        if (index < 0)
        {
            TempData["Status"] = text["That category no longer exists."].Value;
            return RedirectToPage();
        }
        var other = direction switch { "up" => index - 1, "down" => index + 1, _ => -1 };
        if (other >= 0 && other < categories.Count)
            (categories[index], categories[other]) = (categories[other], categories[index]);
        // Renumbered from 1 each time, so that ties left by older data cannot make a move do nothing.
        for (var i = 0; i < categories.Count; i++)
            categories[i].Order = i + 1;
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var posts = await CountByCategoryAsync(db.Posts.NotInTrash(), cancellationToken);
        var published = await CountByCategoryAsync(db.Posts.Published(now), cancellationToken);
        var categories = await db.Categories.AsNoTracking().OrderBy(c => c.Order).ThenBy(c => c.Name)
            .Select(c => new { c.Id, c.Name, c.Slug, c.Description, c.Order }).ToListAsync(cancellationToken);
        Categories = categories.Select(c => new CategoryRow(c.Id, c.Name, c.Slug, c.Description, c.Order,
            posts.GetValueOrDefault(c.Id), published.GetValueOrDefault(c.Id))).ToList();
    }

    private static async Task<Dictionary<int, int>> CountByCategoryAsync(IQueryable<Post> posts, CancellationToken cancellationToken) =>
        await posts.AsNoTracking().Where(p => p.CategoryId != null).GroupBy(p => p.CategoryId!.Value)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
}
