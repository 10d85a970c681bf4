using Blog.Data;
using Blog.Posts;
using Blog.Settings;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Blog.Pages;

public class IndexModel(BlogDbContext db, SiteSettingsStore settings, TimeProvider clock, PostCounts counts) : BlogPageModel
{
    public PostPage Posts { get; private set; } = null!;

    /// <summary>When the newest note was published, for the hero's status line; null on an empty blog.</summary>
    public DateTime? Newest { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] string? pageNumber, CancellationToken cancellationToken)
    {
        if (Paging.ParsePageNumber(pageNumber) is not { } number)
            return NotFound();

        var published = db.Posts.Published(clock.GetUtcNow().UtcDateTime);
        var page = await published
            .ToPostPageAsync(db.Posts, counts, number, settings.Current.PostsPerPage, Links.Home, cancellationToken);
        if (page is null)
            return NotFound();

        Posts = page;
        Newest = number == 1
            ? page.Posts.FirstOrDefault()?.PublishedAt
            : await published.NewestFirst().Select(p => p.PublishedAt).FirstOrDefaultAsync(cancellationToken);
        Meta = new PageMeta(settings.Current.Name, settings.Current.Description, page.Link(number));
        return Page();
    }
}
