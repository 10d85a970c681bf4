using Blog.Data;
using Blog.Localization;
using Blog.Posts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.EntityFrameworkCore;

namespace Blog.Pages.Admin.Posts;

public class EmptyTrashModel(BlogDbContext db, PostWriter writer, TimeProvider clock, IStringLocalizer<SharedResource> text) : PageModel
{
    public int Count { get; private set; }
    public IReadOnlyList<string> Titles { get; private set; } = [];

    /// <summary>
    /// When the confirmation was shown: only posts already in the trash then are deleted, so one
    /// trashed in another tab meanwhile is not deleted without having been seen.
    /// </summary>
    [BindProperty]
    public long ShownAt { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        ShownAt = clock.GetUtcNow().UtcDateTime.Ticks;
        var trash = db.Posts.AsNoTracking().InTrash();
        Count = await trash.CountAsync(cancellationToken);
        Titles = await trash.OrderByDescending(p => p.DeletedAt).Select(p => p.Title).Take(50).ToListAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var shownAt = ShownAt > 0 && ShownAt <= DateTime.MaxValue.Ticks
            ? new DateTime(ShownAt, DateTimeKind.Utc)
            : clock.GetUtcNow().UtcDateTime;
        var deleted = await writer.DeleteForeverAsync(db.Posts.InTrash().Where(p => p.DeletedAt <= shownAt), cancellationToken);
        TempData["Status"] = deleted switch
        {
            0 => text["The trash was already empty."].Value,
            1 => text["Deleted {0} post for good.", deleted].Value,
            _ => text["Deleted {0} posts for good.", deleted].Value,
        };
        return Redirect("/admin/posts?status=trash");
    }
}
