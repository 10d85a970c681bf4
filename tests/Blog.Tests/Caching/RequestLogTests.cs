using Blog.Availability;
using Blog.Caching;
using Blog.Hosting;
using Blog.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Blog.Tests.Caching;

/// <summary>The request log's lines for answers from the page cache, written by the cache's own middleware.</summary>
public class RequestLogTests(BlogAppFactory app) : IClassFixture<BlogAppFactory>
{
    [Fact]
    public async Task CachedAnswers_HaveOneLogLineInAHundred_ByDefault()
    {
        var log = new RecordingLogger();
        var middleware = await CacheMiddlewareAsync(log, new BlogOptions());

        for (var i = 0; i < 250; i++)
            await middleware.InvokeAsync(Get("/archive"));

        Assert.Equal(2, log.Lines.Count);
        Assert.All(log.Lines, line => Assert.StartsWith("HTTP GET /archive responded 200 in", line));
    }

    [Fact]
    public async Task EveryCachedAnswer_HasItsLogLine_WithRequestLogAll()
    {
        var log = new RecordingLogger();
        var middleware = await CacheMiddlewareAsync(log, new BlogOptions { RequestLog = RequestLogMode.All });

        for (var i = 0; i < 5; i++)
            await middleware.InvokeAsync(Get("/archive"));

        Assert.Equal(5, log.Lines.Count);
    }

    /// <summary>The site's own cache middleware with /archive in its cache, logging to <paramref name="log"/>; it answers 418 for what it does not have.</summary>
    private async Task<CachedPagesMiddleware> CacheMiddlewareAsync(RecordingLogger log, BlogOptions options)
    {
        await app.CreateClient().GetAsync("/archive");
        var services = app.Services;
        return new CachedPagesMiddleware(
            context => { context.Response.StatusCode = StatusCodes.Status418ImATeapot; return Task.CompletedTask; },
            services.GetRequiredService<PageCache>(), services.GetRequiredService<ContentVersion>(), services.GetRequiredService<ContentCaches>(),
            services.GetRequiredService<DatabaseStatus>(),
            TimeProvider.System, Options.Create(options), services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>(), log, httpsOnly: false);
    }

    private HttpContext Get(string path)
    {
        var context = new DefaultHttpContext { RequestServices = app.Services };
        context.Request.Method = "GET";
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("localhost");
        context.Request.Path = path;
        context.Response.Body = Stream.Null;
        return context;
    }

    private sealed class RecordingLogger : ILogger<CachedPagesMiddleware>
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add(formatter(state, exception));
    }
}
