using Blog.Data;
using Blog.Feeds;
using Blog.Posts;
using Blog.Settings;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Blog.Pages.Categories;

public class DetailsModel(BlogDbContext db, SiteSettingsStore settings, TimeProvider clock, PostCounts counts) : BlogPageModel
{
    public string Name { get; private set; } = "";
    public string? Description { get; private set; }
    public PostPage Posts { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, [FromQuery(Name = "page")] string? pageNumber, CancellationToken cancellationToken)
    {
        var category = await db.Categories.AsNoTracking().Where(c => c.Slug == slug)
            .Select(c => new { c.Name, c.Description }).FirstOrDefaultAsync(cancellationToken);
        if (category is null)
            return await OldSlugRedirectAsync(slug, cancellationToken);
        if (Paging.ParsePageNumber(pageNumber) is not { } number)
            return NotFound();

        var page = await db.Posts.Published(clock.GetUtcNow().UtcDateTime).InCategory(slug)
            .ToPostPageAsync(db.Posts, counts, number, settings.Current.PostsPerPage, Links.Category(slug), cancellationToken);
        if (page is null)
            return NotFound();

        (Name, Description, Posts) = (category.Name, category.Description, page);
        Meta = new PageMeta(category.Name, category.Description ?? $"Posts in {category.Name}", page.Link(number))
        {
            CategoryFeed = Links.Feed(FeedFormat.Rss, slug),
        };
        return Page();
    }

    /// <summary>A renamed category's old URL, or its slug in another case, answers 301 to the current one.</summary>
    private async Task<IActionResult> OldSlugRedirectAsync(string slug, CancellationToken cancellationToken)
    {
        var current = await db.SlugRedirects.Where(r => r.Kind == RedirectKind.Category && r.Slug == slug)
            .Join(db.Categories, r => r.TargetId, c => c.Id, (r, c) => c.Slug)
            .FirstOrDefaultAsync(cancellationToken)
            // In another case: slugs differ by more than case, as posts' do (PostSlugs).
            ?? await db.Categories.Where(c => c.Slug.ToLower() == PostSlugs.Fold(slug)).OrderBy(c => c.Id).Select(c => c.Slug).FirstOrDefaultAsync(cancellationToken);
        return current is null || current == slug ? NotFound() : RedirectPermanent(Links.Category(current));
    }
}
