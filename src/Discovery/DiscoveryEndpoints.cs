using System.Text;
using System.Xml;
using Blog.Data;
using Blog.Feeds;
using Blog.Hosting;
using Blog.Posts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Blog.Discovery;

internal static class DiscoveryEndpoints
{
    private const string SitemapNs = "http://www.sitemaps.org/schemas/sitemap/0.9";

    public static RouteGroupBuilder MapDiscovery(this IEndpointRouteBuilder endpoints)
    {
        var app = endpoints.MapGroup("");
        app.MapGet("/robots.txt", (HttpContext context, IOptions<BlogOptions> options) => Results.Text(
            $"User-agent: *\nDisallow: /admin\nSitemap: {SiteUrls.Absolute(context, options.Value, "/sitemap.xml")}\n",
            "text/plain; charset=utf-8"));
        app.MapGet("/sitemap.xml", SitemapAsync);
        return app;
    }

    /// <summary>Home, every published post with its lastmod, and the categories and tags that have public posts.</summary>
    private static async Task<IResult> SitemapAsync(HttpContext context, BlogDbContext db, TimeProvider clock, IOptions<BlogOptions> options, CancellationToken cancellationToken)
    {
        var baseUrl = SiteUrls.Base(context, options.Value);
        var published = db.Posts.AsNoTracking().Published(clock.GetUtcNow().UtcDateTime);
        var posts = await published.NewestFirst()
            .Select(p => new { p.Slug, p.UpdatedAt, PublishedAt = p.PublishedAt!.Value })
            .ToListAsync(cancellationToken);
        var categories = await db.Categories.AsNoTracking().Where(c => published.Any(p => p.CategoryId == c.Id))
            .OrderBy(c => c.Order).Select(c => c.Slug).ToListAsync(cancellationToken);
        var tags = await db.Tags.AsNoTracking().Where(t => t.Posts.Any(p => published.Contains(p)))
            .OrderBy(t => t.Slug).Select(t => t.Slug).ToListAsync(cancellationToken);

        using var stream = new MemoryStream();
        using (var xml = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("urlset", SitemapNs);
            WriteUrl(xml, baseUrl + "/", posts.Count > 0 ? posts.Max(p => Later(p.UpdatedAt, p.PublishedAt)) : null);
            foreach (var post in posts)
                WriteUrl(xml, $"{baseUrl}/posts/{Uri.EscapeDataString(post.Slug)}", Later(post.UpdatedAt, post.PublishedAt));
            foreach (var slug in categories)
                WriteUrl(xml, $"{baseUrl}/category/{Uri.EscapeDataString(slug)}", null);
            foreach (var slug in tags)
                WriteUrl(xml, $"{baseUrl}/tag/{Uri.EscapeDataString(slug)}", null);
            xml.WriteEndElement();
        }
        return Results.Bytes(stream.ToArray(), "application/xml; charset=utf-8");
    }

    private static DateTime Later(DateTime a, DateTime b) => a > b ? a : b;

    private static void WriteUrl(XmlWriter xml, string location, DateTime? lastModified)
    {
        xml.WriteStartElement("url", SitemapNs);
        xml.WriteElementString("loc", SitemapNs, location);
        if (lastModified is { } modified)
            xml.WriteElementString("lastmod", SitemapNs, FeedWriter.Rfc3339(modified));
        xml.WriteEndElement();
    }
}
