namespace Blog.Hosting;

/// <summary>
/// The "Blog" section of configuration (environment form: <c>Blog__MediaPath</c>, ...). The
/// database's keys (<c>Blog:Database:Provider</c>, <c>ConnectionStrings:Blog</c>) are read by
/// <see cref="DatabaseSetup"/> when the first context is made, with the command line's and the
/// tests' late settings, not bound here.
/// </summary>
public sealed class BlogOptions
{
    /// <summary>Where uploaded and imported images live, relative to the working directory.</summary>
    public string MediaPath { get; set; } = "data/media";

    /// <summary>The public base URL for feeds and canonical links; taken from the request when empty.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>
    /// Reverse proxies whose X-Forwarded-* headers are believed, besides loopback
    /// (<c>Blog__KnownProxies__0=10.0.0.2</c>). Anyone else's forwarded headers are ignored.
    /// </summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>
    /// Hosts besides the site itself that articles may show images from
    /// (<c>Blog__ImageHosts__0=images.example.com</c>); the Content-Security-Policy blocks any other.
    /// </summary>
    public string[] ImageHosts { get; set; } = [];

    /// <summary>Cache public pages in memory until their content changes (off only to measure the app without it).</summary>
    public bool OutputCache { get; set; } = true;

    /// <summary>
    /// Articles offer smaller WebP copies of their images to smaller screens (off only to measure
    /// the page weight of the originals; applies to posts rendered afterwards).
    /// </summary>
    public bool ImageVariants { get; set; } = true;

    /// <summary>
    /// The request log's lines for answers from the page cache: one in a hundred (Sampled) or every
    /// one (All, <c>Blog__RequestLog=All</c>). Every other request always has its line.
    /// </summary>
    public Caching.RequestLogMode RequestLog { get; set; } = Caching.RequestLogMode.Sampled;

    /// <summary>URLs in one sitemap file: the protocol's limit (lower only to test the split into a sitemap index).</summary>
    public int SitemapUrls { get; set; } = 50_000;
}
