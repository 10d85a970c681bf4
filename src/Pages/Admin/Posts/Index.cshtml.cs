using System.Globalization;
using Blog.Data;
using Blog.Localization;
using Blog.Posts;
using Blog.Search;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Blog.Pages.Admin.Posts;

public class IndexModel(BlogDbContext db, PostWriter writer, TimeProvider clock, IStringLocalizer<SharedResource> text) : PageModel
{
    public const int PageSize = 20;

    public sealed record PostRow(
        int Id, string Title, string Slug, PostState State, DateTime? PublishedAt, DateTime UpdatedAt, DateTime? DeletedAt,
        string? CategoryName, List<string> Tags);

    public sealed record CategoryOption(string Name, string Slug);

    // The filters are GET parameters so that a filtered list can be bookmarked; the row buttons
    // carry them in their action URL, and the handlers come back to the same filtered page.
    // FromQuery because "page" is also the route value naming the Razor page.
    [BindProperty(SupportsGet = true), FromQuery(Name = "status")]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true), FromQuery(Name = "category")]
    public string? Category { get; set; }

    [BindProperty(SupportsGet = true), FromQuery(Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true), FromQuery(Name = "page")]
    public string? PageNumber { get; set; }

    public IReadOnlyList<PostRow> Posts { get; private set; } = [];
    public IReadOnlyList<CategoryOption> Categories { get; private set; } = [];
    public int Total { get; private set; }
    public int Number { get; private set; } = 1;
    public int TotalPages { get; private set; } = 1;
    public int Trashed { get; private set; }

    public static IReadOnlyList<(string Value, string Label)> StatusOptions { get; } =
        [("", "All (not in the trash)"), ("draft", "Drafts"), ("scheduled", "Scheduled"), ("published", "Published"), ("trash", "Trash")];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        Status = StatusOptions.Any(o => o.Value == Status?.Trim().ToLowerInvariant()) ? Status!.Trim().ToLowerInvariant() : "";
        Category = string.IsNullOrWhiteSpace(Category) ? null : Category.Trim();
        Query = string.IsNullOrWhiteSpace(Query) ? null : Query.Trim();

        var posts = Filter(db.Posts.AsNoTracking(), now);
        Total = await posts.CountAsync(cancellationToken);
        TotalPages = Math.Max(1, (Total + PageSize - 1) / PageSize);
        // Past the end (the last post of a page was just trashed) or nonsense: the nearest real page.
        Number = Math.Clamp(Paging.ParsePageNumber(PageNumber) ?? 1, 1, TotalPages);

        // The trash in the order its posts were thrown away (the date its rows show), the other lists
        // by last change: both read in that order from an index (PostConfiguration).
        var ordered = Status == "trash" ? posts.OrderByDescending(p => p.DeletedAt) : posts.OrderByDescending(p => p.UpdatedAt);
        var rows = await ordered.ThenByDescending(p => p.Id)
            .Skip((Number - 1) * PageSize).Take(PageSize)
            .Select(p => new
            {
                p.Id, p.Title, p.Slug, p.Status, p.PublishedAt, p.UpdatedAt, p.DeletedAt,
                CategoryName = p.Category == null ? null : p.Category.Name,
            })
            .ToListAsync(cancellationToken);
        var tags = await db.NamesByPostAsync(rows.Select(p => p.Id).ToList(), cancellationToken);
        Posts = rows.Select(p => new PostRow(p.Id, p.Title, p.Slug, PostQueries.StateOf(p.Status, p.PublishedAt, p.DeletedAt, now),
            p.PublishedAt, p.UpdatedAt, p.DeletedAt, p.CategoryName, tags[p.Id])).ToList();

        Categories = await db.Categories.AsNoTracking().OrderBy(c => c.Order).ThenBy(c => c.Name)
            .Select(c => new CategoryOption(c.Name, c.Slug)).ToListAsync(cancellationToken);
        Trashed = await db.Posts.InTrash().CountAsync(cancellationToken);
    }

    private IQueryable<Post> Filter(IQueryable<Post> posts, DateTime now)
    {
        posts = Status switch
        {
            "draft" => posts.Drafts(),
            "scheduled" => posts.Scheduled(now),
            "published" => posts.Published(now),
            "trash" => posts.InTrash(),
            _ => posts.NotInTrash(),
        };
        if (Category is { } category)
            posts = posts.InCategory(category);
        if (Query is { } query)
        {
            // Through the search index, which holds every post, drafts and the trash too, as the
            // site's search finds them: words and Chinese pairs, simplified or traditional, in the
            // title, summary, category, tags and text. Reading every post's Markdown instead read the
            // whole database.
            // A query with nothing a search can find ("++", "->") looks in the titles, as written.
            var search = SearchQuery.Parse(query);
            var folded = query.ToLowerInvariant();
            posts = search.FtsExpression is not null
                ? posts.Where(p => db.Dialect.Search.Matching(db, search).Contains(p.Id))
                : posts.Where(p => p.Title.ToLower().Contains(folded));
        }
        return posts;
    }

    /// <summary>This list with the current filters, on another page or through a handler.</summary>
    public string Link(int? number = null, string? handler = null)
    {
        // Built by hand: Url.Page treats a "page" value as the name of the Razor page.
        var query = new QueryBuilder();
        if (handler is not null) query.Add("handler", handler);
        if (!string.IsNullOrEmpty(Status)) query.Add("status", Status);
        if (!string.IsNullOrEmpty(Category)) query.Add("category", Category);
        if (!string.IsNullOrEmpty(Query)) query.Add("q", Query);
        if (number > 1) query.Add("page", number.Value.ToString(CultureInfo.InvariantCulture));
        return "/admin/posts" + query.ToQueryString();
    }

    // Tracked saves, not ExecuteUpdate: a save updates the search index and evicts cached pages
    // (ContentChange). Version is left alone, so an editor open on the post can still save it.
    public async Task<IActionResult> OnPostTrashAsync(int id, CancellationToken cancellationToken)
    {
        var post = await db.Posts.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (post is null)
            return BackToList(text["That post no longer exists."]);
        if (post.DeletedAt is not null)
            return BackToList(text["“{0}” is already in the trash.", post.Title]);

        post.Trash(clock.GetUtcNow().UtcDateTime);
        return await SaveAsync(post.Title, text["Moved “{0}” to the trash. Restore it from the trash if that was a mistake.", post.Title], cancellationToken);
    }

    public async Task<IActionResult> OnPostRestoreAsync(int id, CancellationToken cancellationToken)
    {
        var post = await db.Posts.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (post is null)
            return BackToList(text["That post no longer exists."]);
        if (post.DeletedAt is null)
            return BackToList(text["“{0}” is not in the trash.", post.Title]);

        post.Restore();
        return await SaveAsync(post.Title, text["Restored “{0}”.", post.Title], cancellationToken);
    }

    public async Task<IActionResult> OnPostDeleteForeverAsync(int id, CancellationToken cancellationToken)
    {
        var title = await db.Posts.Where(p => p.Id == id).Select(p => new { p.Title, p.DeletedAt }).FirstOrDefaultAsync(cancellationToken);
        if (title is null)
            return BackToList(text["That post no longer exists."]);
        if (title.DeletedAt is null)
            return BackToList(text["“{0}” is not in the trash: move it to the trash first.", title.Title]);

        try
        {
            await writer.DeleteForeverAsync(db.Posts.Where(p => p.Id == id && p.DeletedAt != null), cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return BackToList(ChangedMeanwhile(title.Title));
        }
        return BackToList(text["Deleted “{0}” for good.", title.Title]);
    }

    private async Task<IActionResult> SaveAsync(string title, string status, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return BackToList(ChangedMeanwhile(title));
        }
        return BackToList(status);
    }

    private string ChangedMeanwhile(string title) => text["“{0}” was saved elsewhere at the same moment; nothing was done. Try again.", title];

    private RedirectResult BackToList(string status)
    {
        TempData["Status"] = status;
        return Redirect(Link(Paging.ParsePageNumber(PageNumber)));
    }
}
