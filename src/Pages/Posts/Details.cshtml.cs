using System.Text.Json;
using Blog.Data;
using Blog.Hosting;
using Blog.Posts;
using Blog.Settings;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Blog.Pages.Posts;

public class DetailsModel(BlogDbContext db, SiteSettingsStore settings, TimeProvider clock, RelatedPostsIndex relatedPosts, IOptions<BlogOptions> options)
    : BlogPageModel
{
    private const int RelatedCount = 3;

    public ArticleView Article { get; private set; } = null!;
    public PostLink? Previous { get; private set; }
    public PostLink? Next { get; private set; }
    public IReadOnlyList<PostSummary> Related { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var found = await ArticleQueries.BySlugAsync(db, slug, now, cancellationToken);
        if (found is null)
            return await RedirectFromOldSlugAsync(db.Posts.AsNoTracking().Published(now), slug, cancellationToken);

        var article = found with { Tags = await ArticleQueries.Tags(db, found.Id).ToListAsync(cancellationToken) };
        Article = article;
        var neighbours = await ArticleQueries.Neighbours(db, article.PublishedAt, article.Id, now).ToListAsync(cancellationToken);
        Previous = neighbours.FirstOrDefault(n => !n.IsAfter(article.PublishedAt, article.Id))?.Link;
        Next = neighbours.FirstOrDefault(n => n.IsAfter(article.PublishedAt, article.Id))?.Link;
        Related = await db.RelatedAsync(relatedPosts, now, article.Id, article.CategoryId, article.Tags.Select(t => t.Id).ToList(), RelatedCount, cancellationToken);

        Meta = new PageMeta(article.Title, article.Excerpt, Links.Post(article.Slug))
        {
            OpenGraphType = "article",
            Image = article.CoverImage,
        };
        return Page();
    }

    /// <summary>A slug the post used to have, or its slug in another case, answers 301 to the current one.</summary>
    private async Task<IActionResult> RedirectFromOldSlugAsync(IQueryable<Post> published, string slug, CancellationToken cancellationToken)
    {
        var current = await db.SlugRedirects.Where(r => r.Kind == RedirectKind.Post && r.Slug == slug)
            .Join(published, r => r.TargetId, p => p.Id, (r, p) => p.Slug)
            .FirstOrDefaultAsync(cancellationToken)
            ?? await published.StoredSlugAsync(slug, cancellationToken);
        return current is null || current == slug ? NotFound() : RedirectPermanent(Links.Post(current));
    }

    public string LocalDate(DateTime utc) => settings.Current.ToLocal(utc).ToString("yyyy-MM-dd");

    /// <summary>schema.org BlogPosting for search engines; the serializer escapes '&lt;', so it cannot close the script element.</summary>
    public string JsonLd()
    {
        var siteBase = SiteUrls.Base(HttpContext, options.Value);
        return JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "BlogPosting",
            ["headline"] = Article.Title,
            ["description"] = Article.Excerpt,
            ["datePublished"] = Article.PublishedAt.ToString("O"),
            ["dateModified"] = Article.UpdatedAt.ToString("O"),
            ["author"] = settings.Current.Author is { Length: > 0 } author ? new Dictionary<string, string> { ["@type"] = "Person", ["name"] = author } : null,
            ["url"] = siteBase + Meta!.Path,
            ["mainEntityOfPage"] = siteBase + Meta.Path,
            ["image"] = Article.CoverImage is { } image ? (image.StartsWith('/') ? siteBase + image : image) : null,
            ["keywords"] = string.Join(", ", Article.Tags.Select(t => t.Name)),
            ["wordCount"] = Article.WordCount,
        });
    }
}

public sealed record TagLink(int Id, string Name, string Slug);

public sealed record PostLink(string Title, string Slug);

public sealed record ArticleView(
    int Id, string Title, string Slug, string Html, string TocHtml, string Excerpt,
    DateTime PublishedAt, DateTime UpdatedAt, int ReadingMinutes, int WordCount,
    bool HasMath, bool HasCode, string? CoverImage, int? CategoryId,
    CategoryLink? Category, List<TagLink> Tags, string Language);
