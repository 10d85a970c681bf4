using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Blog.Tests.Infrastructure;

/// <summary>
/// The site behind a reverse proxy on the same machine: every request arrives from loopback, the
/// proxy the site trusts by default, so the forwarded headers a test sends are the ones a proxy
/// would pass on (the in-memory test server has no client address of its own).
/// </summary>
public class ProxiedBlogApp : BlogAppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.AddTransient<IStartupFilter>(_ => new RemoteAddress(IPAddress.Loopback)));
    }

    /// <summary>Gives requests the address a real connection would have, ahead of the whole pipeline.</summary>
    public sealed class RemoteAddress(IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = address;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
