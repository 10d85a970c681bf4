using System.Text;
using System.Xml;
using Blog.Data;
using Blog.Feeds;
using Blog.Hosting;
using Blog.Posts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Blog.Discovery;

/// <summary>
/// The sitemap: home, every published post with its lastmod, and the categories and tags that
/// have public posts. The protocol allows 50,000 URLs a file; past that, /sitemap.xml becomes a
/// sitemap index of /sitemap-pages.xml (home, categories, tags) and /sitemap-posts-N.xml (the
/// posts, newest first, a file's worth each).
/// </summary>
internal static class Sitemaps
{
    private const string Ns = "http://www.sitemaps.org/schemas/sitemap/0.9";

    public static void MapSitemaps(this RouteGroupBuilder app)
    {
        app.MapGet("/sitemap.xml", SitemapAsync);
        app.MapGet("/sitemap-pages.xml", PagesAsync);
        app.MapGet("/sitemap-posts-{number:int}.xml", PostsAsync);
    }

    private static async Task<IResult> SitemapAsync(HttpContext context, BlogDbContext db, PostCounts counts, TimeProvider clock,
        IOptions<BlogOptions> options, CancellationToken cancellationToken)
    {
        var baseUrl = SiteUrls.Base(context, options.Value);
        var published = Published(db, clock);
        var limit = options.Value.SitemapUrls;
        var posts = await counts.CountAsync("/", published, cancellationToken);
        var pages = await PageSlugsAsync(db, published, cancellationToken);
        if (1 + posts + pages.Categories.Count + pages.Tags.Count <= limit)
        {
            var urls = await PostUrls(published, 0, limit).ToListAsync(cancellationToken);
            return Xml(writer => WriteUrlSet(writer, baseUrl, withHome: true, urls, pages));
        }

        var files = (posts + limit - 1) / limit;
        return Xml(writer =>
        {
            writer.WriteStartElement("sitemapindex", Ns);
            foreach (var location in Enumerable.Range(1, files).Select(n => $"/sitemap-posts-{n}.xml").Prepend("/sitemap-pages.xml"))
            {
                writer.WriteStartElement("sitemap", Ns);
                writer.WriteElementString("loc", Ns, baseUrl + location);
                writer.WriteEndElement();
            }
            writer.WriteEndElement();
        });
    }

    private static async Task<IResult> PagesAsync(HttpContext context, BlogDbContext db, TimeProvider clock, IOptions<BlogOptions> options, CancellationToken cancellationToken)
    {
        var published = Published(db, clock);
        var pages = await PageSlugsAsync(db, published, cancellationToken);
        return Xml(writer => WriteUrlSet(writer, SiteUrls.Base(context, options.Value), withHome: true, [], pages));
    }

    private static async Task<IResult> PostsAsync(int number, HttpContext context, BlogDbContext db, PostCounts counts, TimeProvider clock,
        IOptions<BlogOptions> options, CancellationToken cancellationToken)
    {
        var published = Published(db, clock);
        var limit = options.Value.SitemapUrls;
        var posts = await counts.CountAsync("/", published, cancellationToken);
        if (number < 1 || (long)(number - 1) * limit >= posts)
            return Results.NotFound();
        var urls = await PostUrls(published, (number - 1) * limit, limit).ToListAsync(cancellationToken);
        return Xml(writer => WriteUrlSet(writer, SiteUrls.Base(context, options.Value), withHome: false, urls, new PageSlugs([], [])));
    }

    private static IQueryable<Post> Published(BlogDbContext db, TimeProvider clock) =>
        db.Posts.AsNoTracking().Published(clock.GetUtcNow().UtcDateTime);

    private sealed record PostUrl(string Slug, DateTime UpdatedAt, DateTime PublishedAt);

    private sealed record PageSlugs(List<string> Categories, List<string> Tags);

    private static IQueryable<PostUrl> PostUrls(IQueryable<Post> published, int skip, int take) =>
        published.NewestFirst().Skip(skip).Take(take).Select(p => new PostUrl(p.Slug, p.UpdatedAt, p.PublishedAt!.Value));

    private static async Task<PageSlugs> PageSlugsAsync(BlogDbContext db, IQueryable<Post> published, CancellationToken cancellationToken)
    {
        var categories = await db.Categories.AsNoTracking().Where(c => published.Any(p => p.CategoryId == c.Id))
            .OrderBy(c => c.Order).Select(c => c.Slug).ToListAsync(cancellationToken);
        var tags = await db.Tags.AsNoTracking().Where(t => t.Posts.Any(p => published.Contains(p)))
            .OrderBy(t => t.Slug).Select(t => t.Slug).ToListAsync(cancellationToken);
        return new PageSlugs(categories, tags);
    }

    private static void WriteUrlSet(XmlWriter xml, string baseUrl, bool withHome, IReadOnlyList<PostUrl> posts, PageSlugs pages)
    {
        xml.WriteStartElement("urlset", Ns);
        if (withHome)
            WriteUrl(xml, baseUrl + Links.Home, posts.Count > 0 ? posts.Max(p => Later(p.UpdatedAt, p.PublishedAt)) : null);
        foreach (var post in posts)
            WriteUrl(xml, baseUrl + Links.Post(post.Slug), Later(post.UpdatedAt, post.PublishedAt));
        foreach (var slug in pages.Categories)
            WriteUrl(xml, baseUrl + Links.Category(slug), null);
        foreach (var slug in pages.Tags)
            WriteUrl(xml, baseUrl + Links.Tag(slug), null);
        xml.WriteEndElement();
    }

    private static IResult Xml(Action<XmlWriter> write)
    {
        using var stream = new MemoryStream();
        using (var xml = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
        {
            xml.WriteStartDocument();
            write(xml);
        }
        return Results.Bytes(stream.ToArray(), "application/xml; charset=utf-8");
    }

    private static DateTime Later(DateTime a, DateTime b) => a > b ? a : b;

    private static void WriteUrl(XmlWriter xml, string location, DateTime? lastModified)
    {
        xml.WriteStartElement("url", Ns);
        xml.WriteElementString("loc", Ns, location);
        if (lastModified is { } modified)
            xml.WriteElementString("lastmod", Ns, FeedWriter.Rfc3339(modified));
        xml.WriteEndElement();
    }
}
