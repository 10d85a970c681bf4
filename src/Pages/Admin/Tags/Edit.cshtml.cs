using System.ComponentModel.DataAnnotations;
using Blog.Data;
using Blog.Localization;
using Blog.Taxonomy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Blog.Pages.Admin.Tags;

public class EditModel(BlogDbContext db, IStringLocalizer<SharedResource> text) : PageModel
{
    public sealed record TagRef(int Id, string Name, string Slug);

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter a name."), StringLength(100, ErrorMessage = "Keep the name within 100 characters.")]
        public string Name { get; set; } = "";

        [StringLength(200, ErrorMessage = "Keep the slug within 200 characters.")]
        public string? Slug { get; set; }

        /// <summary>Set by the merge button, which appears once the new name turns out to be another tag's.</summary>
        public int? MergeInto { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public TagRef Current { get; private set; } = null!;
    public int Posts { get; private set; }

    /// <summary>The tag that already has the name or slug typed, offered as a merge.</summary>
    public TagRef? Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
            return NotFound();
        Input = new InputModel { Name = Current.Name, Slug = Current.Slug };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        var tag = await db.Tags.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (tag is null)
        {
            TempData["Status"] = text["That tag no longer exists; nothing was saved."].Value;
            return RedirectToPage("Index");
        }
        await LoadAsync(id, cancellationToken);
        if (!ModelState.IsValid)
            return Page();

        var name = Input.Name.Trim();
        var (slug, fromName) = SlugChoice.Choose(name, Input.Slug, "tag", tag.Name, tag.Slug);
        var (foldedName, foldedSlug) = (name.ToLowerInvariant(), slug.ToLowerInvariant());
        Conflict = await db.Tags.AsNoTracking()
            .Where(t => t.Id != id && (t.Name.ToLower() == foldedName || t.Slug.ToLower() == foldedSlug))
            .OrderByDescending(t => t.Name.ToLower() == foldedName)
            .Select(t => new TagRef(t.Id, t.Name, t.Slug)).FirstOrDefaultAsync(cancellationToken);

        if (Conflict is not null && Input.MergeInto == Conflict.Id)
            return await MergeAsync(tag, Conflict, cancellationToken);
        if (Conflict is not null)
        {
            if (string.Equals(Conflict.Name, name, StringComparison.OrdinalIgnoreCase))
                ModelState.AddModelError("Input.Name", text["There is already a tag named “{0}”. Merge the two, or choose another name.", Conflict.Name]);
            else
                ModelState.AddModelError("Input.Slug", fromName
                    ? text["The slug “{0}” made from this name is taken by the tag “{1}”: type another slug, or merge the two.", slug, Conflict.Name]
                    : text["The slug “{0}” is taken by the tag “{1}”.", slug, Conflict.Name]);
            return Page();
        }

        var oldSlug = tag.Slug;
        tag.Name = name;
        tag.Slug = slug;
        await db.RecordRenameAsync(RedirectKind.Tag, tag.Id, oldSlug, slug, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = oldSlug == slug
            ? text["Saved the tag “{0}”.", name].Value
            : text["Saved the tag “{0}”; /tag/{1} now redirects to /tag/{2}.", name, oldSlug, slug].Value;
        return RedirectToPage("Index");
    }

    /// <summary>The tag's posts take the other tag, the tag goes, and its addresses lead to the other one.</summary>
    private async Task<IActionResult> MergeAsync(Tag tag, TagRef into, CancellationToken cancellationToken)
    {
        // All tracked, one SaveChanges: atomic, and seen by the page cache and the search index.
        await TagLinks.CopyAsync(db, tag.Id, into.Id, cancellationToken);
        await TagLinks.DetachAsync(db, tag.Id, cancellationToken);
        await db.HandOverAsync(RedirectKind.Tag, tag.Id, tag.Slug, into.Id, cancellationToken);
        db.Tags.Remove(tag);
        await db.SaveChangesAsync(cancellationToken);

        TempData["Status"] = text["Merged “{0}” into “{1}”: its posts now carry “{1}”, and /tag/{2} redirects to /tag/{3}.", tag.Name, into.Name, tag.Slug, into.Slug].Value;
        return RedirectToPage("Index");
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var tag = await db.Tags.AsNoTracking().Where(t => t.Id == id)
            .Select(t => new { Ref = new TagRef(t.Id, t.Name, t.Slug), Posts = t.Posts.Count(p => p.DeletedAt == null) })
            .FirstOrDefaultAsync(cancellationToken);
        if (tag is null)
            return false;
        (Current, Posts) = (tag.Ref, tag.Posts);
        return true;
    }
}
