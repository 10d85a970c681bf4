using Blog.Feeds;

namespace Blog;

/// <summary>
/// The paths of the public pages, feeds and images, built in this one place: pages, feeds, the
/// sitemap, JSON-LD, redirects and the admin's "view" links all ask here. Slugs are escaped as
/// URI data (a CJK slug becomes %E6%B3%A8...), byte for byte what readers' bookmarks and feed
/// readers already hold. Absolute URLs are <see cref="Hosting.SiteUrls.Base"/> followed by these.
/// </summary>
/// <remarks>
/// Routing's LinkGenerator (and <c>asp-page</c>) would escape a slug with UrlEncoder, which leaves
/// <c>( ) ! *</c> as they are where these paths, and so every link already out there, escape them.
/// </remarks>
public static class Links
{
    public const string Home = "/";
    public const string RssFeed = "/feed.xml";
    public const string AtomFeed = "/atom.xml";
    public const string Archive = "/archive";
    public const string Search = "/search";

    /// <summary>Where uploaded and imported images are served, by their stored file name.</summary>
    public const string MediaPrefix = "/media/";

    public static string Post(string slug) => "/posts/" + Uri.EscapeDataString(slug);

    public static string Category(string slug) => "/category/" + Uri.EscapeDataString(slug);

    public static string Tag(string slug) => "/tag/" + Uri.EscapeDataString(slug);

    public static string Feed(FeedFormat format) => format == FeedFormat.Rss ? RssFeed : AtomFeed;

    /// <summary>The feed of the whole site, or of one category when <paramref name="categorySlug"/> is given.</summary>
    public static string Feed(FeedFormat format, string? categorySlug) =>
        categorySlug is null ? Feed(format) : Category(categorySlug) + Feed(format);

    public static string Media(string fileName) => MediaPrefix + fileName;
}
