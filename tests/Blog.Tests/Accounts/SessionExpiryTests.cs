using System.Net;
using Blog.Accounts;
using Blog.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Blog.Tests.Accounts;

/// <summary>A signed-in session ends after two idle hours, and after seven days however active it is.</summary>
public sealed class SessionExpiryTests : IDisposable
{
    /// <summary>The real clock, moved forward by the test.</summary>
    private sealed class MovableClock : TimeProvider
    {
        public TimeSpan Ahead { get; set; }
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Ahead;
    }

    private sealed class MovableClockApp : BlogAppFactory
    {
        public MovableClock Clock { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
        }
    }

    private readonly MovableClockApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task IdleSession_EndsAfterTheIdleTimeout()
    {
        var client = await _app.SignedInClientAsync("idle-author");
        _app.Clock.Ahead = AdminAuthentication.IdleTimeout - TimeSpan.FromMinutes(5);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin")).StatusCode);

        // That request renewed the cookie (sliding expiry); idle past the timeout from there.
        _app.Clock.Ahead += AdminAuthentication.IdleTimeout + TimeSpan.FromMinutes(5);

        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/admin")).StatusCode);
    }

    [Fact]
    public async Task ActiveSession_EndsAfterTheAbsoluteTimeout()
    {
        var client = await _app.SignedInClientAsync("busy-author");
        var step = AdminAuthentication.IdleTimeout / 2 + TimeSpan.FromMinutes(1);

        // Active all along: a request more often than the idle timeout, each renewing the cookie.
        while (_app.Clock.Ahead + step < AdminAuthentication.AbsoluteTimeout)
        {
            _app.Clock.Ahead += step;
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin")).StatusCode);
        }
        _app.Clock.Ahead = AdminAuthentication.AbsoluteTimeout + TimeSpan.FromMinutes(1);

        var response = await client.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/admin/login", response.Headers.Location!.ToString());
    }
}
