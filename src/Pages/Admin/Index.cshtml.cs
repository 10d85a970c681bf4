using System.ComponentModel.DataAnnotations;
using Blog.Availability;
using Blog.Data;
using Blog.Localization;
using Blog.Posts;
using Blog.Settings;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Blog.Pages.Admin;

public class IndexModel(BlogDbContext db, TimeProvider clock, DatabaseStatus database, SiteSettingsStore settings, IStringLocalizer<SharedResource> text) : PageModel
{
    /// <summary>What the first sign-in asks for, until the site has a name and an author.</summary>
    public sealed class SetUpInput
    {
        [Required(ErrorMessage = "Enter the site's title."), StringLength(200, ErrorMessage = "Keep the title within 200 characters.")]
        public string? Title { get; set; }

        [Required(ErrorMessage = "Enter the author's name."), StringLength(100, ErrorMessage = "Keep the author's name within 100 characters.")]
        public string? Author { get; set; }

        [StringLength(500, ErrorMessage = "Keep the description within 500 characters.")]
        public string? Description { get; set; }
    }

    [BindProperty]
    public SetUpInput SetUp { get; set; } = new();

    public bool NeedsSetUp => settings.Current.NeedsSetUp;

    public sealed record PostRow(int Id, string Title, PostState State, DateTime? PublishedAt, DateTime UpdatedAt);

    public int Published { get; private set; }
    public int Scheduled { get; private set; }
    public int Drafts { get; private set; }
    public int Trashed { get; private set; }
    public IReadOnlyList<PostRow> DraftPosts { get; private set; } = [];
    public IReadOnlyList<PostRow> ScheduledPosts { get; private set; } = [];
    public IReadOnlyList<PostRow> RecentEdits { get; private set; } = [];

    /// <summary>The latest time this process could not use the database, and why (the public /healthz does not say).</summary>
    public DatabaseStatus.Outage? DatabaseOutage => database.LastOutage;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var current = settings.Current;
        SetUp = new SetUpInput { Title = current.Title, Author = current.Author, Description = current.Description };
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostSetUpAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }
        await settings.SaveAsync(settings.Current with
        {
            Title = SetUp.Title!.Trim(),
            Author = SetUp.Author!.Trim(),
            Description = SetUp.Description?.Trim() ?? "",
        }, cancellationToken);
        TempData["Status"] = text["The site is yours now. Everything else is in Settings."].Value;
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var posts = db.Posts.AsNoTracking();
        // The same rules as the posts list's filters, so that each count matches the list it links to.
        Drafts = await posts.Drafts().CountAsync(cancellationToken);
        Scheduled = await posts.Scheduled(now).CountAsync(cancellationToken);
        Published = await posts.Published(now).CountAsync(cancellationToken);
        Trashed = await posts.InTrash().CountAsync(cancellationToken);

        DraftPosts = await Rows(posts.Drafts().OrderByDescending(p => p.UpdatedAt), now, cancellationToken);
        ScheduledPosts = await Rows(posts.Scheduled(now).OrderBy(p => p.PublishedAt), now, cancellationToken);
        RecentEdits = await Rows(posts.NotInTrash().OrderByDescending(p => p.UpdatedAt), now, cancellationToken);
    }

    private static async Task<List<PostRow>> Rows(IQueryable<Post> posts, DateTime now, CancellationToken cancellationToken)
    {
        var rows = await posts.Take(10).Select(p => new { p.Id, p.Title, p.Status, p.PublishedAt, p.UpdatedAt }).ToListAsync(cancellationToken);
        return rows.Select(p => new PostRow(p.Id, p.Title, PostQueries.StateOf(p.Status, p.PublishedAt, null, now), p.PublishedAt, p.UpdatedAt)).ToList();
    }
}
