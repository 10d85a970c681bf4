using Blog.Data;
using Blog.Posts;
using Blog.Settings;
using Microsoft.AspNetCore.Mvc;

namespace Blog.Pages;

public class IndexModel(BlogDbContext db, SiteSettingsStore settings, TimeProvider clock, PostCounts counts) : BlogPageModel
{
    public PostPage Posts { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] string? pageNumber, CancellationToken cancellationToken)
    {
        if (Paging.ParsePageNumber(pageNumber) is not { } number)
            return NotFound();

        var page = await db.Posts.Published(clock.GetUtcNow().UtcDateTime)
            .ToPostPageAsync(db.Posts, counts, number, settings.Current.PostsPerPage, "/", cancellationToken);
        if (page is null)
            return NotFound();

        Posts = page;
        Meta = new PageMeta(settings.Current.Title, settings.Current.Description, page.Link(number));
        return Page();
    }
}
