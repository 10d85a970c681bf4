using Blog.Content;
using Blog.Data;
using Blog.Localization;
using Blog.Posts;
using Blog.Settings;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Blog.Pages.Admin.Posts;

/// <summary>One earlier version of a post, compared with the current text, and its restore.</summary>
public class RevisionModel(BlogDbContext db, MarkdownRenderer renderer, SiteSettingsStore settings, TimeProvider clock, IStringLocalizer<SharedResource> text) : PageModel
{
    public sealed class InputModel
    {
        /// <summary>The version of the post the author compared against.</summary>
        public Guid Version { get; set; }
    }

    public sealed record RevisionView(int Id, int PostId, DateTime SavedAt, string Title, string Markdown);

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public RevisionView Revision { get; private set; } = null!;
    public string CurrentTitle { get; private set; } = "";
    public DiffView Diff { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, int revisionId, CancellationToken cancellationToken)
    {
        var post = await db.Posts.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (post is null || !await LoadAsync(post, revisionId, cancellationToken))
            return NotFound();
        Input.Version = post.Version;
        return Page();
    }

    /// <summary>Restoring is a save: the current text is kept as a revision first, and so is unsaved autosaved text.</summary>
    public async Task<IActionResult> OnPostAsync(int id, int revisionId, CancellationToken cancellationToken)
    {
        var post = await db.Posts.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (post is null || !await LoadAsync(post, revisionId, cancellationToken))
            return NotFound();
        if (Input.Version != post.Version)
            return Changed(post);
        if (post.Title == Revision.Title && post.Markdown == Revision.Markdown)
        {
            TempData["Status"] = text["That version is already the current text."].Value;
            return Redirect($"/admin/posts/{id}");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        post.KeepUnsavedAutosave();
        post.ReplaceText(Revision.Title, Revision.Markdown);
        post.CompleteSave(renderer.Render(post.Markdown), now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var latest = await db.Posts.AsNoTracking().FirstAsync(p => p.Id == id, cancellationToken);
            await LoadAsync(latest, revisionId, cancellationToken);
            return Changed(latest);
        }
        TempData["Status"] = text["Restored the version saved {0}. The text it replaced is kept in the revisions.", LocalTime(Revision.SavedAt)].Value;
        return Redirect($"/admin/posts/{id}");
    }

    private IActionResult Changed(Post latest)
    {
        ModelState.Clear();
        Input.Version = latest.Version;
        ModelState.AddModelError("", text["The post was saved since you opened this page, so nothing was restored. The comparison below is now against the latest text; restore again if you still want this version."]);
        return Page();
    }

    private async Task<bool> LoadAsync(Post post, int revisionId, CancellationToken cancellationToken)
    {
        var revision = await db.Revisions.AsNoTracking()
            .Where(r => r.Id == revisionId && r.PostId == post.Id)
            .Select(r => new RevisionView(r.Id, r.PostId, r.SavedAt, r.Title, r.Markdown))
            .FirstOrDefaultAsync(cancellationToken);
        if (revision is null)
            return false;
        Revision = revision;
        CurrentTitle = post.Title;
        Diff = DiffView.Between(revision.Markdown, post.Markdown, text["this revision"], text["current text"]);
        return true;
    }

    public string LocalTime(DateTime utc) => settings.Current.ToLocal(utc).ToString("yyyy-MM-dd HH:mm:ss");
}
