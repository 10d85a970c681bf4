using System.ComponentModel.DataAnnotations;
using Blog.Content;
using Blog.Data;
using Blog.Localization;
using Blog.Posts;
using Blog.Settings;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Blog.Pages.Admin.Posts;

/// <summary>
/// The editor, at /admin/posts/new and /admin/posts/{id}. Saving is refused, never applied, when
/// the post changed since the form was loaded (see <see cref="InputModel.Version"/>). The
/// handlers the page's script calls (autosave, preview) are in Edit.Handlers.cs.
/// </summary>
// A 2 MB note of Chinese text is 6 MB of UTF-8 and about 18 MB form-encoded; the defaults
// (4 MB per form value, Kestrel's 30 MB per request) would refuse it or come close.
[RequestFormLimits(ValueLengthLimit = MaxFormBytes)]
[RequestSizeLimit(MaxFormBytes)]
public partial class EditModel(BlogDbContext db, PostWriter posts, MarkdownRenderer renderer, SiteSettingsStore settings, TimeProvider clock,
    IStringLocalizer<SharedResource> text) : PageModel
{
    private const int MaxFormBytes = 48 * 1024 * 1024;

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Give the post a title.")]
        [StringLength(300, ErrorMessage = "Keep the title under 300 characters.")]
        public string? Title { get; set; }

        [StringLength(200, ErrorMessage = "Keep the slug under 200 characters.")]
        public string? Slug { get; set; }

        /// <summary>Set by the page's script while the slug still follows the title: the server then derives it and makes it unique.</summary>
        public bool SlugFromTitle { get; set; }

        public int? CategoryId { get; set; }

        [StringLength(1000, ErrorMessage = "Too many tags: keep the list under 1000 characters.")]
        public string? Tags { get; set; }

        [StringLength(2000, ErrorMessage = "Keep the summary under 2000 characters.")]
        public string? Summary { get; set; }

        public string? Markdown { get; set; }

        /// <summary>zh-Hans or zh-Hant when the author chose the post's script; empty to detect it from the text.</summary>
        public string? Language { get; set; }

        /// <summary>A <c>datetime-local</c> value, in the site's time zone.</summary>
        public string? PublishAt { get; set; }

        /// <summary>The version of the post this form was loaded from.</summary>
        public Guid? Version { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>The stored post, or null while writing a new one.</summary>
    public EditorPost? Post { get; private set; }
    public IReadOnlyList<SelectListItem> Categories { get; private set; } = [];
    public string PreviewHtml { get; private set; } = "";
    public string? PreviewError { get; private set; }
    public EditConflict? Conflict { get; private set; }

    /// <summary>When the editor shows the autosave slot's text instead of the saved text.</summary>
    public DateTime? RestoredFrom { get; private set; }

    /// <summary>Whether the text in the form is already stored (saved or autosaved), so the script knows what is at risk.</summary>
    public bool Persisted { get; private set; } = true;

    public SiteSettings Settings => settings.Current;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken cancellationToken)
    {
        if (id is null)
        {
            Input.SlugFromTitle = true;
            return await FormAsync(null, cancellationToken);
        }

        var post = await db.Posts.AsNoTracking().WithTags().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (post is null)
            return NotFound();

        Input = new InputModel
        {
            Title = post.Title,
            Slug = post.Slug,
            CategoryId = post.CategoryId,
            Tags = PostTags.Format(post.Tags.OrderBy(t => t.Name).Select(t => t.Name)),
            Summary = post.Summary,
            Language = post.LanguageChosen ? post.Language : "",
            Markdown = post.Markdown,
            PublishAt = post.StateAt(Now) == PostState.Scheduled ? LocalInputValue(post.PublishedAt!.Value) : null,
            Version = post.Version,
        };
        // Typing that was autosaved after the last save (a crash, a closed tab, a reload) comes back.
        if (post.AutosavedAt is { } autosavedAt && autosavedAt > post.UpdatedAt && post.AutosaveMarkdown is not null)
        {
            Input.Title = post.AutosaveTitle ?? post.Title;
            Input.Markdown = post.AutosaveMarkdown;
            RestoredFrom = autosavedAt;
        }
        Input.SlugFromTitle = SlugFollowsTitle(post);
        return await FormAsync(post, cancellationToken, persisted: true);
    }

    public async Task<IActionResult> OnPostAsync(int? id, string? intent, Guid? overwrite, string? lastIntent, CancellationToken cancellationToken)
    {
        var action = Enum.TryParse<SaveIntent>(intent ?? lastIntent, ignoreCase: true, out var parsed) ? parsed : SaveIntent.Save;
        Input.Title = Input.Title?.Trim();
        Input.Markdown = NormalizeNewlines(Input.Markdown);
        var now = Now;

        Post? post = null;
        if (id is not null)
        {
            post = await db.Posts.WithTags().Include(p => p.Category).FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
            if (post is null)
                return NotFound();
            // A save based on an older version would silently undo whatever was saved since.
            if ((overwrite ?? Input.Version) != post.Version)
                return await ConflictAsync(post, action, cancellationToken);
            if (overwrite is not null)
            {
                // The author has seen the difference and chose to overwrite: the form now stands on the latest version.
                ModelState.Remove("Input.Version");
                Input.Version = post.Version;
            }
        }

        var scheduleUtc = action == SaveIntent.Schedule ? ParseSchedule() : null;
        var slug = await ChooseSlugAsync(post, now, cancellationToken);
        var category = Input.CategoryId is { } categoryId ? await db.Categories.FindAsync([categoryId], cancellationToken) : null;
        if (Input.CategoryId is not null && category is null)
            ModelState.AddModelError("Input.CategoryId", text["That category no longer exists; choose another."]);
        if (!ModelState.IsValid)
            return await FormAsync(post, cancellationToken);

        // The one write path (PostWriter), as the import takes it: text and slug, then publication, then the save.
        var wasPublishedAt = post?.PublishedAt;
        post ??= new Post(Input.Title!, slug, Input.Markdown, now);
        var tags = await posts.TagsAsync(PostTags.ParseNames(Input.Tags), cancellationToken);
        await posts.ApplyAsync(post, new PostEdit(Input.Title!, Input.Markdown, slug,
            string.IsNullOrWhiteSpace(Input.Summary) ? null : Input.Summary.Trim(), category, tags, Input.Language), now, cancellationToken);
        switch (action)
        {
            case SaveIntent.Publish:
                post.Publish(now);
                break;
            case SaveIntent.Schedule:
                post.Schedule(scheduleUtc!.Value);
                break;
            case SaveIntent.Unpublish:
                // PublishedAt stays: it is the date a later re-publish keeps.
                post.Unpublish();
                break;
        }
        post.CompleteSave(renderer.Render(post.Markdown), now);

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another save landed between our read and our write: same answer as a stale form.
            db.ChangeTracker.Clear();
            var latest = await db.Posts.WithTags().FirstOrDefaultAsync(p => p.Id == post.Id, cancellationToken);
            return latest is null ? NotFound() : await ConflictAsync(latest, action, cancellationToken);
        }
        catch (DbUpdateException e) when (IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            ModelState.AddModelError("Input.Slug", $"The slug “{slug}” was just taken by another post. Choose another.");
            var reloaded = id is null ? null : await db.Posts.WithTags().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
            return await FormAsync(reloaded, cancellationToken);
        }

        TempData["Status"] = StatusMessage(post, action, wasPublishedAt, now);
        return Redirect($"/admin/posts/{post.Id}");
    }

    /// <summary>Fills what the page shows besides the form fields.</summary>
    private async Task<IActionResult> FormAsync(Post? post, CancellationToken cancellationToken, bool persisted = false)
    {
        var now = Now;
        if (post is not null)
        {
            var revisions = await db.Revisions.CountAsync(r => r.PostId == post.Id, cancellationToken);
            Post = new EditorPost(post.Id, post.Slug, post.Status, post.PublishedAt, post.UpdatedAt, post.DeletedAt,
                revisions, post.StateAt(now), post.HasBeenPublicAt(now), post.Language);
        }
        Categories = await db.Categories.AsNoTracking().OrderBy(c => c.Order).ThenBy(c => c.Name)
            .Select(c => new SelectListItem(c.Name, c.Id.ToString()))
            .ToListAsync(cancellationToken);
        var preview = renderer.Render(Input.Markdown ?? "");
        PreviewHtml = preview.Html;
        PreviewError = preview.Error;
        Persisted = persisted;
        return Page();
    }

    private async Task<IActionResult> ConflictAsync(Post latest, SaveIntent intent, CancellationToken cancellationToken)
    {
        Conflict = new EditConflict(latest.UpdatedAt, latest.Version, latest.Title, intent,
            DiffView.Between(latest.Markdown, Input.Markdown ?? "", text["saved meanwhile"], text["your text"]));
        return await FormAsync(latest, cancellationToken);
    }

    /// <summary>
    /// The slug to save: the author's own, or (when the field is empty or still follows the title
    /// of a never-published post) one derived from the title and made unique. The author's own
    /// slug is never changed behind their back: a taken one is refused with a suggestion.
    /// </summary>
    private async Task<string> ChooseSlugAsync(Post? post, DateTime now, CancellationToken cancellationToken)
    {
        var postId = post?.Id ?? 0;
        var given = Slugs.Clean(Input.Slug ?? "");
        var derived = given.Length == 0 || (Input.SlugFromTitle && post?.HasBeenPublicAt(now) != true);
        if (derived)
            return await db.UniqueAsync(Slugs.FromTitle(Input.Title ?? ""), postId, cancellationToken);

        if (await db.OwnerOfSlugAsync(given, postId, cancellationToken) is { } owner)
        {
            var suggestion = await db.UniqueAsync(given, postId, cancellationToken);
            ModelState.AddModelError("Input.Slug", owner.Trashed
                ? text["The slug “{0}” is already used by a post in the trash, “{1}”. Choose another, for example “{2}”.", given, owner.Title, suggestion]
                : text["The slug “{0}” is already used by another post, “{1}”. Choose another, for example “{2}”.", given, owner.Title, suggestion]);
        }
        return given;
    }

    private DateTime? ParseSchedule()
    {
        var zone = Settings.TimeZone;
        if (!LocalTimes.TryParse(Input.PublishAt, out var local))
        {
            ModelState.AddModelError("Input.PublishAt", string.IsNullOrWhiteSpace(Input.PublishAt)
                ? text["Choose when to publish ({0} time).", zone]
                : text["“{0}” is not a date and time; write it as 2026-12-01T09:30 ({1} time).", Input.PublishAt, zone]);
            return null;
        }
        try
        {
            return Settings.ToUtc(local);
        }
        catch (ArgumentException)
        {
            ModelState.AddModelError("Input.PublishAt", text["{0} does not exist in {1} (the clocks skip it); choose another time.", local.ToString("yyyy-MM-dd HH:mm"), zone]);
            return null;
        }
    }

    private string StatusMessage(Post post, SaveIntent intent, DateTime? wasPublishedAt, DateTime now)
    {
        var when = post.PublishedAt is { } at ? $"{Settings.ToLocal(at):yyyy-MM-dd HH:mm} ({Settings.TimeZone})" : "";
        string message = intent switch
        {
            SaveIntent.Publish when wasPublishedAt is { } was && was <= now => text["Published again, keeping its original date {0}.", when],
            SaveIntent.Publish => text["Published."],
            SaveIntent.Schedule when post.StateAt(now) == PostState.Scheduled => text["Scheduled: it will be published on {0}.", when],
            SaveIntent.Schedule => text["Published, dated {0} (that time has already passed).", when],
            SaveIntent.Unpublish => text["Unpublished: the post is a draft again and no longer public."],
            _ when post.IsPublicAt(now) => text["Saved. The changes are live."],
            _ when post.StateAt(now) == PostState.Scheduled => text["Saved. It will be published on {0}.", when],
            _ => text["Draft saved."],
        };
        return post.RenderError is null ? message : message + text[" The Markdown could not be rendered: see the message above the preview."];
    }

    /// <summary>The slug follows the title while the post has never been public and the slug is still the one the title gave.</summary>
    private bool SlugFollowsTitle(Post post)
    {
        if (post.HasBeenPublicAt(Now))
            return false;
        var fromTitle = Slugs.FromTitle(post.Title);
        return post.Slug == fromTitle || IsNumbered(post.Slug, fromTitle) || post.Slug == UntitledSlug || IsNumbered(post.Slug, UntitledSlug);

        static bool IsNumbered(string slug, string stem) =>
            slug.StartsWith(stem + "-", StringComparison.Ordinal) && slug[(stem.Length + 1)..].All(char.IsAsciiDigit);
    }

    public string LocalInputValue(DateTime utc) => Settings.ToLocal(utc).ToString("yyyy-MM-ddTHH:mm:ss");

    public string LocalTime(DateTime utc, string format = "yyyy-MM-dd HH:mm") => Settings.ToLocal(utc).ToString(format);

    /// <summary>Browsers submit a textarea with CRLF line ends, the script sends LF: store one form, so saves compare equal.</summary>
    private static string NormalizeNewlines(string? text) => (text ?? "").Replace("\r\n", "\n");

    private bool IsUniqueViolation(DbUpdateException e) => db.Dialect.IsUniqueViolation(e);
}
