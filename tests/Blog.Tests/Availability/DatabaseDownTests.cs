using System.Diagnostics;
using System.Net;
using Blog.Data;
using Blog.Tests.Infrastructure;
using Npgsql;
using Xunit.Abstractions;

namespace Blog.Tests.Availability;

/// <summary>
/// The site over a database that is down at start, or goes away while it serves: it answers
/// 503 instead of crashing or showing a stack trace, and serves again by itself once the
/// database answers. Why it could not be used (which names the database) is told to the
/// signed-in author, never to the public.
/// </summary>
public sealed class DatabaseDownTests(ITestOutputHelper output)
{
    private const string Password = "hunter2-not-for-logs";
    private static readonly TimeSpan RecoveryBound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task PostgresDown_SiteAnswers503WithoutNamingTheDatabase_AndServesOnceItComesUp()
    {
        // Without a server to forward to (SQLite runs of the suite) the database stays down: the
        // half of the story before it comes up still holds.
        var server = TestDatabase.ServerAddress;
        await using var postgres = new TcpForwarder(server?.Host ?? "127.0.0.1", server?.Port ?? Ports.Closed(), up: false);
        using var app = new BlogAppFactory();
        var connection = new NpgsqlConnectionStringBuilder(server is null ? "Username=blog;Database=blog_down" : TestDatabase.ConnectionStringFor(app.DataFolder, create: false))
        {
            Host = "127.0.0.1",
            Port = postgres.Port,
            Password = Password,
        };
        app.Configuration["Blog:Database:Provider"] = "Postgres";
        app.Configuration["ConnectionStrings:Blog"] = connection.ConnectionString;
        var client = app.CreateClient();

        var health = await client.GetAsync("/healthz");
        var healthText = await health.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal("Unhealthy", healthText);
        foreach (var path in new[] { "/", "/posts/welcome", "/feed.xml", "/admin/login", "/admin" })
            await AssertUnavailablePageAsync(client, path);

        if (server is null)
            return;

        postgres.Up();
        var recovery = await WaitUntilHealthyAsync(client);
        Assert.Contains(WelcomePost.Title, await client.GetStringAsync("/"));
        var dashboard = await (await app.SignedInClientAsync()).GetDocumentAsync("/admin");
        var outage = dashboard.QuerySelector(".database-outage")?.TextContent ?? "";
        Assert.Contains("PostgreSQL at 127.0.0.1:" + postgres.Port, outage);
        Assert.DoesNotContain(Password, outage);

        // Gone while serving (every connection in the pool broken): noticed, 503, and back again.
        postgres.Down();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/healthz")).StatusCode);
        await AssertUnavailablePageAsync(client, "/archive");
        postgres.Up();
        var secondRecovery = await WaitUntilHealthyAsync(client);
        output.WriteLine($"/healthz 200 {recovery.TotalSeconds:0.0} s after PostgreSQL came up at start, {secondRecovery.TotalSeconds:0.0} s after it came back while serving");
        foreach (var path in new[] { "/posts/welcome", "/archive", "/category/large-model", "/search?q=LoRA", "/admin/login" })
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);
        Assert.True(recovery < RecoveryBound, $"recovered in {recovery}");
    }

    [Fact]
    public async Task SqliteFolderBlockedByAFile_SiteAnswers503_AndServesOnceTheFolderCanBeMade_AndTheDashboardNamesTheFile()
    {
        using var app = new BlogAppFactory();
        Directory.CreateDirectory(app.DataFolder);
        var blocker = Path.Combine(app.DataFolder, "db");
        File.WriteAllText(blocker, "a file where the database's folder should be");
        var database = Path.Combine(blocker, "blog.db");
        app.Configuration["Blog:Database:Provider"] = "Sqlite";
        app.Configuration["ConnectionStrings:Blog"] = $"Data Source={database}";
        var client = app.CreateClient();

        var health = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal("Unhealthy", await health.Content.ReadAsStringAsync());
        await AssertUnavailablePageAsync(client, "/");
        await AssertUnavailablePageAsync(client, "/admin/login");

        File.Delete(blocker);
        output.WriteLine($"/healthz 200 {(await WaitUntilHealthyAsync(client)).TotalSeconds:0.0} s after the folder could be made");

        Assert.Contains(WelcomePost.Title, await client.GetStringAsync("/"));
        Assert.True(File.Exists(database));
        var dashboard = await (await app.SignedInClientAsync()).GetDocumentAsync("/admin");
        Assert.Contains($"SQLite file {database}:", dashboard.QuerySelector(".database-outage")?.TextContent);
    }

    private static async Task AssertUnavailablePageAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<h1>暂时连不上数据库</h1>", html);
        Assert.DoesNotContain("Exception", html);
    }

    /// <summary>Polls /healthz until it answers 200; returns how long that took.</summary>
    private static async Task<TimeSpan> WaitUntilHealthyAsync(HttpClient client)
    {
        var clock = Stopwatch.StartNew();
        string last = "";
        while (clock.Elapsed < RecoveryBound)
        {
            var response = await client.GetAsync("/healthz");
            if (response.StatusCode == HttpStatusCode.OK)
                return clock.Elapsed;
            last = await response.Content.ReadAsStringAsync();
            await Task.Delay(200);
        }
        throw new Xunit.Sdk.XunitException($"/healthz still answers '{last}' after {RecoveryBound.TotalSeconds} s");
    }
}
