using System.Text.Encodings.Web;
using System.Text.Unicode;
using Blog.Accounts;
using Blog.Availability;
using Blog.Caching;
using Blog.Content;
using Blog.Content.Formulas;
using Blog.Data;
using Blog.Discovery;
using Blog.Feeds;
using Blog.Localization;
using Blog.Media;
using Blog.Settings;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.WebEncoders;
using Serilog;

namespace Blog.Hosting;

/// <summary>The site's services and request pipeline, shared by the web app and the command line.</summary>
public static class BlogApplication
{
    public static WebApplicationBuilder AddBlog(this WebApplicationBuilder builder)
    {
        NativeHeap.Configure();
        // Serve wwwroot's build-time compressed variants outside Development too (`dotnet run` in
        // Production); a no-op for published output, which carries them itself.
        builder.WebHost.UseStaticWebAssets();
        var services = builder.Services;
        services.AddSerilog((_, logger) => logger.ReadFrom.Configuration(builder.Configuration));

        // First: its start sets the database up before the hosted services after it, which read it.
        services.AddStartupAndRecovery();
        services.AddOptions<BlogOptions>().BindConfiguration("Blog");
        // Behind a TLS-terminating proxy the app itself listens on plain HTTP, so the redirection
        // middleware cannot find an HTTPS port of its own and would redirect nothing: the public URL says it.
        services.AddOptions<HttpsRedirectionOptions>().Configure<IOptions<BlogOptions>>((redirection, blog) =>
        {
            if (Uri.TryCreate(blog.Value.BaseUrl, UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttps)
                redirection.HttpsPort = url.Port;
        });
        services.AddBlogDatabase();
        services.AddSharedKeys();
        services.AddBlogOutputCache();
        services.AddResponseCompression(options =>
        {
            // HTTPS too: public pages hold no secrets, and admin pages are not compressed (see UseBlog).
            options.EnableForHttps = true;
            options.MimeTypes = ["text/html", "text/plain", "application/xml", "application/rss+xml", "application/atom+xml", "application/json"];
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        services.AddSingleton<MathTypesetter>();
        services.AddSingleton<MarkdownRenderer>();
        services.AddImageServices();
        services.AddSingleton<SiteSettingsStore>();
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<MediaStore>();
        services.AddSingleton<FeedService>();
        services.AddScoped<Search.PostSearch>();
        services.AddScoped<Posts.PostWriter>();
        services.AddScoped<Import.NoteImporter>();
        services.AddScoped<Export.NoteExporter>();

        services.AddAdminAuthentication();
        services.AddBlogLocalization();
        services.AddRazorPages(options =>
        {
            options.RootDirectory = "/src/Pages";
            // Every admin page and handler requires sign-in, except the sign-in page itself.
            options.Conventions.AuthorizeFolder("/Admin");
            options.Conventions.AllowAnonymousToPage("/Admin/Login");
            // The editor answers /admin/posts/{id:int} and, for a post not written yet, this.
            options.Conventions.AddPageRoute("/Admin/Posts/Edit", "admin/posts/new");
        }).AddMvcOptions(options => options.Filters.Add<OneConnectionPerPage>())
            // The input models' validation messages are keys into the interface's resources too.
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
        // Chinese text as characters, not &#x...; entities: smaller pages, readable source.
        services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        return builder;
    }

    public static WebApplication UseBlog(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<BlogOptions>>().Value;
        var memoryLog = app.Services.GetRequiredService<ILogger<ProcessMemory>>();
        app.Lifetime.ApplicationStopping.Register(() => ProcessMemory.Log(memoryLog, "at stop", app.Services.GetService<MathTypesetter>()));

        app.UseForwardedHeaders(ForwardedHeaders(options));
        // A cached public page is answered here, before any other work; the rest is for what is not.
        app.UseCachedPages(httpsOnly: ServesHttps(app, options));
        // What it did not answer leaves the sockets' threads (see SocketThreads) before anything else runs.
        app.UseMiddleware<ThreadPoolHop>();
        app.UseRouting();
        app.UseSerilogRequestLogging();
        if (!app.Environment.IsDevelopment())
            app.UseExceptionHandler("/error");
        if (ServesHttps(app, options))
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseSecurityHeaders(options);

        app.MapStaticAssets();
        app.UseMediaFiles(options);
        // Ahead of the gate and the content-version check, which would otherwise ask the database first.
        app.UseHealthChecks("/healthz", DatabaseHealthCheck.Options);
        // Everything after this reads the database: a friendly 503 while it cannot be used.
        app.UseDatabaseGate();
        // After the gate: the interface language is a setting, read from the database.
        app.UseRequestLocalization();
        app.UseAuthentication();
        app.UseAuthorization();
        // Never on admin pages, whose antiforgery tokens must not be exposed to compression side channels.
        app.UseWhen(context => !context.Request.Path.StartsWithSegments("/admin"), branch => branch.UseResponseCompression());
        // Inside the compression: the page cache takes answers as they are and compresses them once itself.
        app.UsePageStorage();
        app.MapRazorPages().WithStaticAssets().CachePublicPages();
        app.MapFeeds().CachePublicPages();
        app.MapDiscovery().CachePublicPages();
        return app;
    }

    /// <summary>
    /// The client's address and scheme from a trusted reverse proxy (loopback, and the addresses in
    /// Blog:KnownProxies), and nothing else: the host and path prefix a proxy may forward are
    /// words a client can send through it, and they would land in canonical links, feed URLs and
    /// the output cache's key, where one client's made-up prefix was served to everyone. The
    /// public host comes from Blog:BaseUrl (or the Host header, which is part of the cache's key).
    /// </summary>
    private static ForwardedHeadersOptions ForwardedHeaders(BlogOptions options)
    {
        var forwarded = new ForwardedHeadersOptions
        {
            ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor
                | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto,
        };
        foreach (var proxy in options.KnownProxies)
        {
            if (!System.Net.IPAddress.TryParse(proxy, out var address))
                throw new InvalidOperationException($"Blog:KnownProxies holds '{proxy}', which is not an IP address.");
            forwarded.KnownProxies.Add(address);
        }
        return forwarded;
    }

    /// <summary>HTTPS redirection and HSTS only when the site is configured for HTTPS.</summary>
    private static bool ServesHttps(WebApplication app, BlogOptions options) =>
        options.BaseUrl?.StartsWith("https://", StringComparison.OrdinalIgnoreCase) == true
        || (app.Configuration["ASPNETCORE_URLS"] ?? app.Configuration["urls"] ?? "").Contains("https://", StringComparison.OrdinalIgnoreCase);
}
