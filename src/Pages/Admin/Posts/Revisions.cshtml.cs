using Blog.Data;
using Blog.Settings;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Blog.Pages.Admin.Posts;

/// <summary>A post's history: every earlier title and Markdown it was saved with, newest first.</summary>
public class RevisionsModel(BlogDbContext db, SiteSettingsStore settings) : PageModel
{
    public sealed record RevisionRow(int Id, DateTime SavedAt, string Title, int Characters);

    public sealed record CurrentPost(int Id, string Title, DateTime UpdatedAt, int Characters);

    public CurrentPost Post { get; private set; } = null!;
    public IReadOnlyList<RevisionRow> Revisions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var post = await db.Posts.AsNoTracking().Where(p => p.Id == id)
            .Select(p => new CurrentPost(p.Id, p.Title, p.UpdatedAt, p.Markdown.Length))
            .FirstOrDefaultAsync(cancellationToken);
        if (post is null)
            return NotFound();
        Post = post;
        Revisions = await db.Revisions.AsNoTracking().Where(r => r.PostId == id)
            .OrderByDescending(r => r.SavedAt).ThenByDescending(r => r.Id)
            .Select(r => new RevisionRow(r.Id, r.SavedAt, r.Title, r.Markdown.Length))
            .ToListAsync(cancellationToken);
        return Page();
    }

    public string LocalTime(DateTime utc) => settings.Current.ToLocal(utc).ToString("yyyy-MM-dd HH:mm:ss");
}
