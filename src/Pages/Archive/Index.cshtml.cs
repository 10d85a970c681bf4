using Blog.Data;
using Blog.Posts;
using Blog.Settings;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Blog.Pages.Archive;

/// <summary>
/// Every published post by year and month, newest first, a thousand a page: at 100,000 notes one
/// page of all of them was 15 MB of HTML and took seconds to build.
/// </summary>
public class IndexModel(BlogDbContext db, SiteSettingsStore settings, TimeProvider clock, PostCounts counts) : BlogPageModel
{
    public const int PageSize = 1000;

    public sealed record ArchiveEntry(string Title, string Slug, DateTime Local);

    public sealed record Month(int Year, int Number, IReadOnlyList<ArchiveEntry> Posts);

    public IReadOnlyList<Month> Months { get; private set; } = [];
    public int Total { get; private set; }
    public int Number { get; private set; }
    public int TotalPages { get; private set; }

    public string Link(int number) => number <= 1 ? "/archive" : $"/archive?page={number}";

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] string? pageNumber, CancellationToken cancellationToken)
    {
        if (Paging.ParsePageNumber(pageNumber) is not { } number)
            return NotFound();
        var site = settings.Current;
        var published = db.Posts.Published(clock.GetUtcNow().UtcDateTime);
        Total = await counts.CountAsync("/archive", published, cancellationToken);
        TotalPages = Math.Max(1, (Total + PageSize - 1) / PageSize);
        if (number > TotalPages)
            return NotFound();

        // Ids and dates come from the publication index, titles and slugs from the head of each
        // row: PublishedAt read from the row itself lies past the Markdown and the HTML, and
        // reading it would walk each post's whole body.
        var page = published.NewestFirst().Skip((number - 1) * PageSize).Take(PageSize)
            .Select(p => new { p.Id, PublishedAt = p.PublishedAt!.Value });
        var posts = await page.Join(db.Posts, i => i.Id, p => p.Id, (i, p) => new { p.Title, p.Slug, i.PublishedAt, i.Id })
            .ToListAsync(cancellationToken);

        // Grouped in the site's time zone, so a post dated the 1st does not land in last month.
        Months = posts
            .OrderByDescending(p => p.PublishedAt).ThenByDescending(p => p.Id)
            .Select(p => new ArchiveEntry(p.Title, p.Slug, site.ToLocal(p.PublishedAt)))
            .GroupBy(p => (p.Local.Year, p.Local.Month))
            .Select(g => new Month(g.Key.Year, g.Key.Month, g.ToList()))
            .ToList();
        Number = number;
        Meta = new PageMeta("Archive", $"All {Total} posts by month", Link(number));
        return Page();
    }
}
