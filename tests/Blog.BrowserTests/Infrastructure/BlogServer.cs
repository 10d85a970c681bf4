using System.Net;
using Blog.Content;
using Blog.Data;
using Blog.Media;
using Blog.Posts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Blog.BrowserTests.Infrastructure;

/// <summary>
/// The real app on a real Kestrel server at a free loopback port, over a SQLite file in a temp
/// folder of its own; on the real clock, or on one the test moves.
/// </summary>
public sealed class BlogServer : WebApplicationFactory<Program>
{
    private readonly TimeProvider? _clock;

    public string DataFolder { get; } = Path.Combine(Path.GetTempPath(), "blog-browser-tests", Guid.NewGuid().ToString("N"));

    private string ConnectionString => $"Data Source={Path.Combine(DataFolder, "blog.db")}";

    public Uri BaseAddress { get; private set; } = null!;

    public BlogServer(TimeProvider? clock = null)
    {
        _clock = clock;
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(DataFolder);
        builder.UseEnvironment("Production");
        // As published: the build's asset map (precompressed files under obj/) and the manifest's own
        // headers (immutable for fingerprinted URLs). With a build manifest, MapStaticAssets otherwise
        // switches on its hot-reload handler, which answers no-cache and compresses on the fly.
        builder.UseStaticWebAssets();
        builder.UseSetting("ReloadStaticAssetsAtRuntime", "false");
        builder.UseSetting("ConnectionStrings:Blog", ConnectionString);
        builder.UseSetting("Blog:MediaPath", Path.Combine(DataFolder, "media"));
        builder.UseSetting("Serilog:WriteTo:1:Args:path", Path.Combine(DataFolder, "logs", "blog-.log"));
        // Eight servers logging every request drown the test output; warnings and errors still show.
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        builder.UseSetting("Serilog:MinimumLevel:Override:Microsoft.Hosting.Lifetime", "Warning");
        if (_clock is not null)
            builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton(_clock)));
    }

    public void Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        BaseAddress = new Uri(addresses.Single());
    }

    public string Url(string path) => new Uri(BaseAddress, path).ToString();

    /// <summary>Saves a post the way the editor does (rendered by the real pipeline): published, unless a draft.</summary>
    public async Task<Post> AddPostAsync(string title, string slug, string markdown, string? category = null, DateTime? publishedAt = null, bool draft = false)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BlogDbContext>();
        var now = DateTime.UtcNow;
        var post = new Post(title, slug, markdown, now)
        {
            Category = category is null ? null : db.Categories.Single(c => c.Slug == category),
        };
        if (!draft)
            post.Schedule(publishedAt ?? now.AddHours(-1));
        post.CompleteSave(Services.GetRequiredService<MarkdownRenderer>().Render(markdown), now);
        db.Posts.Add(post);
        await db.SaveChangesAsync();
        return post;
    }

    /// <summary>Stores an image the way an upload does; returns its URL.</summary>
    public async Task<string> SaveImageAsync(byte[] content, string name)
    {
        using var scope = Services.CreateScope();
        var stored = await scope.ServiceProvider.GetRequiredService<MediaStore>().SaveAsync(content, name)
            ?? throw new InvalidOperationException($"The app refused {name} as an image.");
        await scope.ServiceProvider.GetRequiredService<BlogDbContext>().SaveChangesAsync();
        return stored.Url;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            // Only this server's pool: other test classes' servers are running in parallel.
            using (var connection = new Microsoft.Data.Sqlite.SqliteConnection(ConnectionString))
                Microsoft.Data.Sqlite.SqliteConnection.ClearPool(connection);
            try { Directory.Delete(DataFolder, recursive: true); } catch (IOException) { }
        }
    }
}
