using System.Net;
using Blog.Availability;
using Blog.Data;
using Blog.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Blog.Tests.Availability;

/// <summary>The site listens while it sets its database up: what a visitor sees meanwhile.</summary>
public sealed class SlowStartTests
{
    [Fact]
    public async Task RequestsDuringTheSetUpAtStart_WaitForIt_AndGetThePage_NotA503()
    {
        using var app = new SqliteBlogApp { WaitForSetUp = false };
        Directory.CreateDirectory(app.DataFolder);
        // Another process setting the same database up holds the set-up lock (a file beside it).
        var otherProcess = new FileStream(app.DatabasePath + ".setup-lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        Task<HttpResponseMessage> home, health;
        try
        {
            var client = app.CreateClient();
            home = client.GetAsync("/");
            health = client.GetAsync("/healthz");
            await Task.Delay(1500);
            Assert.False(app.Services.GetRequiredService<DatabaseStatus>().IsReady);
            Assert.False(home.IsCompleted, "the home page was answered before the database was set up");
            Assert.False(health.IsCompleted, "/healthz was answered before the database was set up");
        }
        finally
        {
            await otherProcess.DisposeAsync();
        }

        var page = await home;
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(WelcomePost.Title, await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await health).StatusCode);
    }
}
