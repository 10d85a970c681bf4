using Blog.Content;
using Blog.Data;
using Blog.Hosting;
using Blog.Posts;
using Blog.Settings;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Blog.Tests.Infrastructure;

/// <summary>
/// The real app over a database of its own: a SQLite file in a temporary folder, or a new
/// PostgreSQL database when the suite runs against a server (see <see cref="TestDatabase"/>).
/// Use one per test class (IClassFixture) and let each test create the posts it looks at.
/// </summary>
public class BlogAppFactory : WebApplicationFactory<Program>
{
    public string DataFolder { get; } = Path.Combine(Path.GetTempPath(), "blog-tests", Guid.NewGuid().ToString("N"));

    public string DatabasePath => Path.Combine(DataFolder, "blog.db");

    public virtual string MediaFolder => Path.Combine(DataFolder, "media");

    /// <summary>The site's database; another node of the same site (<see cref="SecondNode"/>) shares it.</summary>
    public virtual string ConnectionString => TestDatabase.ConnectionStringFor(DataFolder);

    /// <summary>Whether disposing drops the database: not when it belongs to another node.</summary>
    protected virtual bool OwnsDatabase => true;

    /// <summary>The suite's database provider unless a test needs a particular one (<see cref="SqliteBlogApp"/>).</summary>
    protected virtual DatabaseProvider Provider => TestDatabase.Provider;

    /// <summary>Configuration for this site only, set before its first request.</summary>
    public Dictionary<string, string> Configuration { get; } = [];

    /// <summary>EF interceptors that watch this site's database work (commands counted, plans recorded), added before its first request.</summary>
    public List<IInterceptor> Interceptors { get; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(DataFolder);
        builder.UseEnvironment("Testing");
        builder.UseSetting("Blog:Database:Provider", Provider.ToString());
        builder.UseSetting("ConnectionStrings:Blog", ConnectionString);
        builder.UseSetting("Blog:MediaPath", MediaFolder);
        builder.UseSetting("Serilog:WriteTo:1:Args:path", Path.Combine(DataFolder, "logs", "blog-.log"));
        foreach (var (key, value) in Configuration)
            builder.UseSetting(key, value);
        if (Interceptors.Count > 0)
            builder.ConfigureServices(s => s.ConfigureDbContext<BlogDbContext>(o => o.AddInterceptors(Interceptors)));
    }

    /// <summary>A client as the form helpers expect: it keeps cookies and does not follow redirects.</summary>
    public virtual HttpClient CreateFormClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public async Task<T> WithDbAsync<T>(Func<BlogDbContext, Task<T>> action)
    {
        using var scope = Services.CreateScope();
        return await action(scope.ServiceProvider.GetRequiredService<BlogDbContext>());
    }

    public Task WithDbAsync(Func<BlogDbContext, Task> action) =>
        WithDbAsync(async db => { await action(db); return true; });

    /// <summary>Saves a post the way the editor does: rendered by the real pipeline.</summary>
    public Task<Post> AddPostAsync(PostBuilder builder) => WithDbAsync(async db =>
    {
        var post = await builder.BuildAsync(db);
        post.CompleteSave(Services.GetRequiredService<MarkdownRenderer>().Render(post.Markdown), post.CreatedAt);
        db.Posts.Add(post);
        await db.SaveChangesAsync();
        return post;
    });

    /// <summary>Stores an image the way an upload does (a new one each time unless given); returns its URL.</summary>
    public async Task<string> AddImageAsync(byte[]? image = null, string originalName = "image.png")
    {
        image ??= [.. Import.TestPng.Create((byte)Random.Shared.Next(256), (byte)Random.Shared.Next(256), (byte)Random.Shared.Next(256)), .. Guid.NewGuid().ToByteArray()];
        using var scope = Services.CreateScope();
        var stored = await scope.ServiceProvider.GetRequiredService<Media.MediaStore>().SaveAsync(image, originalName)
            ?? throw new InvalidOperationException($"The app refused {originalName} as an image.");
        await scope.ServiceProvider.GetRequiredService<BlogDbContext>().SaveChangesAsync();
        return stored.Url;
    }

    public SiteSettings Settings => Services.GetRequiredService<SiteSettingsStore>().Current;

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (OwnsDatabase)
                TestDatabase.Drop(DataFolder);
            try { Directory.Delete(DataFolder, recursive: true); } catch (IOException) { }
        }
    }
}
