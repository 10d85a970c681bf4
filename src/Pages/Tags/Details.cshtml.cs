using Blog.Data;
using Blog.Posts;
using Blog.Settings;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Blog.Pages.Tags;

public class DetailsModel(BlogDbContext db, SiteSettingsStore settings, TimeProvider clock, PostCounts counts) : BlogPageModel
{
    public string Name { get; private set; } = "";
    public PostPage Posts { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, [FromQuery(Name = "page")] string? pageNumber, CancellationToken cancellationToken)
    {
        var name = await db.Tags.AsNoTracking().Where(t => t.Slug == slug).Select(t => t.Name).FirstOrDefaultAsync(cancellationToken);
        if (name is null)
            return await OldSlugRedirectAsync(slug, cancellationToken);
        if (Paging.ParsePageNumber(pageNumber) is not { } number)
            return NotFound();

        var page = await db.Posts.Published(clock.GetUtcNow().UtcDateTime).WithTag(slug)
            .ToPostPageAsync(db.Posts, counts, number, settings.Current.PostsPerPage, Links.Tag(slug), cancellationToken);
        if (page is null)
            return NotFound();

        (Name, Posts) = (name, page);
        Meta = new PageMeta("#" + name, $"Posts tagged {name}", page.Link(number));
        return Page();
    }

    /// <summary>A renamed tag's old URL, or its slug in another case, answers 301 to the current one.</summary>
    private async Task<IActionResult> OldSlugRedirectAsync(string slug, CancellationToken cancellationToken)
    {
        var current = await db.SlugRedirects.Where(r => r.Kind == RedirectKind.Tag && r.Slug == slug)
            .Join(db.Tags, r => r.TargetId, t => t.Id, (r, t) => t.Slug)
            .FirstOrDefaultAsync(cancellationToken)
            // In another case: slugs differ by more than case, as posts' do (PostSlugs).
            ?? await db.Tags.Where(t => t.Slug.ToLower() == PostSlugs.Fold(slug)).OrderBy(t => t.Id).Select(t => t.Slug).FirstOrDefaultAsync(cancellationToken);
        return current is null || current == slug ? NotFound() : RedirectPermanent(Links.Tag(current));
    }
}
