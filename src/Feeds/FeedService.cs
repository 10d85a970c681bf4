using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Blog.Data;
using Blog.Hosting;
using Blog.Posts;
using Blog.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Blog.Feeds;

public enum FeedFormat { Rss, Atom }

/// <summary>A built feed, its validator and its media type.</summary>
public sealed record FeedDocument(byte[] Xml, string ETag, DateTime LastModified, string ContentType);

/// <summary>
/// Builds feeds once per content change, not per request. Each request asks only for the
/// identity of what the feed would hold now (ids and update times, no bodies: an index query);
/// when that and the settings are unchanged the XML built before is served. This also catches a
/// scheduled post whose time has come, which no write announces.
/// </summary>
public sealed class FeedService(IServiceScopeFactory scopes, SiteSettingsStore settings, TimeProvider clock, IOptions<BlogOptions> options)
{
    private sealed record Cached(string Key, SiteSettings Settings, FeedDocument Document);

    private const int MaxCachedFeeds = 64;

    private readonly ConcurrentDictionary<string, Cached> _cache = new();

    /// <summary>The feed, or null when the category does not exist.</summary>
    public async Task<FeedDocument?> GetAsync(HttpContext context, FeedFormat format, string? categorySlug, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BlogDbContext>();
        var site = settings.Current;

        string? categoryName = null;
        if (categorySlug is not null)
        {
            categoryName = await db.Categories.Where(c => c.Slug == categorySlug).Select(c => c.Name).FirstOrDefaultAsync(cancellationToken);
            if (categoryName is null)
                return null;
        }

        var posts = db.Posts.AsNoTracking().Published(clock.GetUtcNow().UtcDateTime);
        if (categorySlug is not null)
            posts = posts.InCategory(categorySlug);
        posts = posts.NewestFirst().Take(site.FeedLength);

        var baseUrl = SiteUrls.Base(context, options.Value);
        var state = await posts.Select(p => new { p.Id, p.UpdatedAt }).ToListAsync(cancellationToken);
        var key = $"{format}|{categorySlug}|{baseUrl}";
        var version = Hash(key + "|" + string.Join(",", state.Select(s => $"{s.Id}:{s.UpdatedAt.Ticks}")));
        if (_cache.TryGetValue(key, out var cached) && cached.Key == version && ReferenceEquals(cached.Settings, site))
            return cached.Document;

        var rows = await posts.Select(p => new
            {
                p.Id, p.Title, p.Slug,
                Summary = p.Summary != null && p.Summary != "" ? p.Summary : p.Excerpt,
                p.Html, PublishedAt = p.PublishedAt!.Value, p.UpdatedAt, p.CreatedAt,
                Category = p.Category == null ? null : p.Category.Name,
            })
            .ToListAsync(cancellationToken);
        var tags = await db.NamesByPostAsync(rows.Select(r => r.Id).ToList(), cancellationToken);
        var entries = rows.Select(r => new FeedEntry(r.Id, r.Title, r.Slug, r.Summary, FeedMath.ToMathMl(Media.ArticleImages.OriginalsOnly(r.Html)), r.PublishedAt, r.UpdatedAt, r.CreatedAt,
            r.Category, tags[r.Id])).ToList();

        var document = Build(format, site, baseUrl, categorySlug, categoryName, entries, version);
        // Keyed by the request's host when no base URL is configured: bound it, so that requests
        // with made-up Host headers cannot grow memory without end.
        if (_cache.Count >= MaxCachedFeeds)
            _cache.Clear();
        _cache[key] = new Cached(version, site, document);
        return document;
    }

    /// <summary>The stored slug of a category asked for in another case, or null.</summary>
    public async Task<string?> StoredCategorySlugAsync(string slug, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BlogDbContext>();
        return await db.Categories.Where(c => c.Slug.ToLower() == PostSlugs.Fold(slug)).OrderBy(c => c.Id).Select(c => c.Slug).FirstOrDefaultAsync(cancellationToken);
    }

    private static FeedDocument Build(FeedFormat format, SiteSettings site, string baseUrl, string? categorySlug, string? categoryName,
        IReadOnlyList<FeedEntry> entries, string version)
    {
        var host = new Uri(baseUrl).Host;
        var listPath = categorySlug is null ? Links.Home : Links.Category(categorySlug);
        var selfPath = Links.Feed(format, categorySlug);
        var channel = new FeedChannel(
            categoryName is null ? site.Name : $"{site.Name} · {categoryName}",
            site.Description, baseUrl + listPath, baseUrl + selfPath, site.Language, site.Author.Length > 0 ? site.Author : site.Name);

        string Link(FeedEntry e) => baseUrl + Links.Post(e.Slug);
        // A tag URI from the post's id and creation date: stable when the title or slug changes.
        string Id(FeedEntry e) => $"tag:{host},{e.CreatedAt:yyyy-MM-dd}:post-{e.Id}";

        var xml = format == FeedFormat.Rss
            ? FeedWriter.Rss(channel, entries, Link, Id)
            : FeedWriter.Atom(channel, entries, Link, Id, $"tag:{host},2024:feed{listPath}");
        var lastModified = entries.Count == 0 ? DateTime.UnixEpoch : entries.Max(e => e.UpdatedAt > e.PublishedAt ? e.UpdatedAt : e.PublishedAt);
        var contentType = format == FeedFormat.Rss ? "application/rss+xml; charset=utf-8" : "application/atom+xml; charset=utf-8";
        return new FeedDocument(xml, $"\"{version[..16]}\"", lastModified, contentType);
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
