using Blog.Content;
using Blog.Data;
using Blog.Posts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Blog.Pages.Admin.Posts;

/// <summary>The handlers the editor's script calls while the author types.</summary>
public partial class EditModel
{
    private const string UntitledSlug = "untitled-draft";

    /// <summary>
    /// Keeps what is being typed in the post's autosave slot, and nowhere else: not the published
    /// text, not a revision, not the version. A new post gets created as a draft by its first
    /// autosave, so a crash before the first save loses nothing either.
    /// </summary>
    public async Task<IActionResult> OnPostAutosaveAsync(int? id, CancellationToken cancellationToken)
    {
        var title = Input.Title?.Trim() ?? "";
        var markdown = NormalizeNewlines(Input.Markdown);
        var now = Now;

        if (id is null)
        {
            if (title.Length == 0 && markdown.Length == 0)
                return new BadRequestObjectResult(new { error = text["Nothing to save yet."].Value });
            var created = await CreateDraftAsync(title, markdown, now, cancellationToken);
            return new JsonResult(AutosaveAnswer(created.Id, created.Version, now));
        }

        // Only over the version the editor was loaded from: an editor left open on an older
        // version must not put its text in the slot, where the next load would restore it over
        // the newer save. Its text stays in that browser, and its save shows the difference.
        var written = await db.Posts
            .Where(p => p.Id == id && p.Version == Input.Version)
            .ExecuteUpdateAsync(s => s
                .SetProperty(p => p.AutosaveTitle, title.Length > 300 ? title[..300] : title)
                .SetProperty(p => p.AutosaveMarkdown, markdown)
                .SetProperty(p => p.AutosavedAt, now), cancellationToken);
        if (written == 1)
            return new JsonResult(AutosaveAnswer(id.Value, Input.Version!.Value, now));

        var exists = await db.Posts.AnyAsync(p => p.Id == id, cancellationToken);
        return exists
            ? new ConflictObjectResult(new { error = text["This post was saved elsewhere since you opened it. Your text is kept in this browser; save to see the differences."].Value, conflict = true })
            : new NotFoundObjectResult(new { error = text["This post no longer exists."].Value });
    }

    /// <summary>The preview, by the very pipeline that publishes.</summary>
    public IActionResult OnPostPreview()
    {
        var rendered = renderer.Render(NormalizeNewlines(Input.Markdown));
        return new JsonResult(new { html = rendered.Html, error = rendered.Error });
    }

    /// <summary>Drops the autosaved text and goes back to the saved one.</summary>
    public async Task<IActionResult> OnPostDiscardAutosaveAsync(int id, CancellationToken cancellationToken)
    {
        var cleared = await db.Posts.Where(p => p.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(p => p.AutosaveTitle, (string?)null)
            .SetProperty(p => p.AutosaveMarkdown, (string?)null)
            .SetProperty(p => p.AutosavedAt, (DateTime?)null), cancellationToken);
        if (cleared == 0)
            return NotFound();
        TempData["Status"] = text["Discarded the autosaved changes: this is the last saved version."].Value;
        return Redirect($"/admin/posts/{id}?fresh=1");
    }

    private async Task<Post> CreateDraftAsync(string title, string markdown, DateTime now, CancellationToken cancellationToken)
    {
        var post = new Post(title.Length == 0 ? text["Untitled draft"] : title, "", markdown, now);
        post.Autosave(title, markdown, now);
        post.ApplyRender(renderer.Render(markdown));
        db.Posts.Add(post);
        // Two first autosaves racing for the same slug: the loser takes the next number.
        for (var attempt = 1; ; attempt++)
        {
            // From the title typed, not the placeholder title in the interface's language: an untitled draft is untitled-draft in any language.
            post.Rename(await db.UniqueAsync(Slugs.FromTitle(title, UntitledSlug), 0, cancellationToken), now);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return post;
            }
            catch (DbUpdateException e) when (attempt < 3 && IsUniqueViolation(e))
            {
            }
        }
    }

    private object AutosaveAnswer(int id, Guid version, DateTime savedAt) => new
    {
        id,
        version,
        savedAt = savedAt.ToString("O"),
        savedAtLocal = Settings.ToLocal(savedAt).ToString("HH:mm:ss"),
        url = $"/admin/posts/{id}",
    };
}
