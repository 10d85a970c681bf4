using Blog.Data;
using Blog.Posts;
using Blog.Settings;
using Microsoft.EntityFrameworkCore;

namespace Blog.Pages.Archive;

public class IndexModel(BlogDbContext db, SiteSettingsStore settings, TimeProvider clock) : BlogPageModel
{
    public sealed record ArchiveEntry(string Title, string Slug, DateTime Local);

    public sealed record Month(int Year, int Number, IReadOnlyList<ArchiveEntry> Posts);

    public IReadOnlyList<Month> Months { get; private set; } = [];
    public int Total { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var site = settings.Current;
        var posts = await db.Posts.Published(clock.GetUtcNow().UtcDateTime).NewestFirst()
            .Select(p => new { p.Title, p.Slug, PublishedAt = p.PublishedAt!.Value })
            .ToListAsync(cancellationToken);

        // Grouped in the site's time zone, so a post dated the 1st does not land in last month.
        Months = posts
            .Select(p => new ArchiveEntry(p.Title, p.Slug, site.ToLocal(p.PublishedAt)))
            .GroupBy(p => (p.Local.Year, p.Local.Month))
            .Select(g => new Month(g.Key.Year, g.Key.Month, g.ToList()))
            .ToList();
        Total = posts.Count;
        Meta = new PageMeta("Archive", $"All {Total} posts by month", "/archive");
    }
}
