using Blog.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Blog.Pages.Admin;

public class IndexModel(BlogDbContext db, TimeProvider clock) : PageModel
{
    public sealed record PostRow(int Id, string Title, PostStatus Status, DateTime? PublishedAt, DateTime UpdatedAt);

    public int Published { get; private set; }
    public int Scheduled { get; private set; }
    public int Drafts { get; private set; }
    public int Trashed { get; private set; }
    public IReadOnlyList<PostRow> DraftPosts { get; private set; } = [];
    public IReadOnlyList<PostRow> ScheduledPosts { get; private set; } = [];
    public IReadOnlyList<PostRow> RecentEdits { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var live = db.Posts.AsNoTracking().Where(p => p.DeletedAt == null);

        var counts = await live.GroupBy(p => p.Status == PostStatus.Draft ? 0 : p.PublishedAt > now ? 1 : 2)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        Drafts = counts.FirstOrDefault(c => c.Key == 0)?.Count ?? 0;
        Scheduled = counts.FirstOrDefault(c => c.Key == 1)?.Count ?? 0;
        Published = counts.FirstOrDefault(c => c.Key == 2)?.Count ?? 0;
        Trashed = await db.Posts.CountAsync(p => p.DeletedAt != null, cancellationToken);

        DraftPosts = await Rows(live.Where(p => p.Status == PostStatus.Draft).OrderByDescending(p => p.UpdatedAt), cancellationToken);
        ScheduledPosts = await Rows(live.Where(p => p.Status != PostStatus.Draft && p.PublishedAt > now).OrderBy(p => p.PublishedAt), cancellationToken);
        RecentEdits = await Rows(live.OrderByDescending(p => p.UpdatedAt), cancellationToken);
    }

    private static Task<List<PostRow>> Rows(IQueryable<Post> posts, CancellationToken cancellationToken) =>
        posts.Take(10).Select(p => new PostRow(p.Id, p.Title, p.Status, p.PublishedAt, p.UpdatedAt)).ToListAsync(cancellationToken);
}
