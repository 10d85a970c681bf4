using Blog.Data;
using Blog.Localization;
using Blog.Taxonomy;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Blog.Pages.Admin.Categories;

/// <summary>What creating and renaming a category both check: its name and slug are its own.</summary>
internal static class CategoryRules
{
    public const string SlugFallback = "category";

    /// <summary>The slug the category gets, or null with the reasons added to the model state.</summary>
    public static async Task<string?> CheckNameAndSlugAsync(BlogDbContext db, ModelStateDictionary modelState, IStringLocalizer<SharedResource> text,
        string name, string? slugField, Category? current, CancellationToken cancellationToken)
    {
        var id = current?.Id ?? 0;
        var (slug, fromName) = SlugChoice.Choose(name, slugField, SlugFallback, current?.Name, current?.Slug);

        // Case-insensitive for Latin, as the public URLs and lists would otherwise hold two "Python"s.
        var folded = name.ToLowerInvariant();
        var namesake = await db.Categories.Where(c => c.Id != id && c.Name.ToLower() == folded)
            .Select(c => c.Name).FirstOrDefaultAsync(cancellationToken);
        if (namesake is not null)
            modelState.AddModelError("Input.Name", text["There is already a category named “{0}”.", namesake]);

        var foldedSlug = slug.ToLowerInvariant();
        var owner = await db.Categories.Where(c => c.Id != id && c.Slug.ToLower() == foldedSlug)
            .Select(c => c.Name).FirstOrDefaultAsync(cancellationToken);
        if (owner is not null)
            modelState.AddModelError("Input.Slug", fromName
                ? text["The slug “{0}” made from this name is taken by the category “{1}”: type another slug.", slug, owner]
                : text["The slug “{0}” is taken by the category “{1}”.", slug, owner]);

        return modelState.IsValid ? slug : null;
    }
}
