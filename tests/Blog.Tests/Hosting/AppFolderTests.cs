using System.Diagnostics;
using Blog.Tests.Infrastructure;

namespace Blog.Tests.Hosting;

/// <summary>
/// The app started from another folder, as a systemd unit or `cd /srv &amp;&amp; dotnet /opt/blog/Blog.dll`
/// does: it finds its own settings and static files beside itself, and keeps its data in the
/// working folder. Without its own files it says so and does not start.
/// </summary>
public sealed class AppFolderTests : IDisposable
{
    private readonly string _workingFolder = Path.Combine(Path.GetTempPath(), "blog-tests", "cwd-" + Guid.NewGuid().ToString("N"));

    public AppFolderTests() => Directory.CreateDirectory(_workingFolder);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_workingFolder, recursive: true); } catch (IOException) { }
    }

    // The settings' defaults, not a test's: the data goes where the settings file says.
    private Process Start(int port, params string[] arguments) =>
        SiteProcess.Start(_workingFolder, port, new Dictionary<string, string> { ["Blog__Database__Provider"] = "Sqlite" }, arguments);

    [Fact]
    public async Task StartedFromAnotherFolder_ServesItsStylesheet_ReadsItsSettings_AndKeepsDataInTheWorkingFolder()
    {
        var port = Ports.Closed();
        using var app = Start(port);
        var errors = app.StandardError.ReadToEndAsync();
        _ = app.StandardOutput.ReadToEndAsync();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await SiteProcess.WaitUntilAnsweringAsync(client, app);

            var home = await client.GetStringAsync("/");
            var stylesheet = System.Text.RegularExpressions.Regex.Match(home, "/css/site[^\"]*\\.css").Value;
            Assert.NotEmpty(stylesheet);
            Assert.True((await client.GetByteArrayAsync(stylesheet)).Length > 1000, $"{stylesheet} is empty");
            Assert.True(File.Exists(Path.Combine(_workingFolder, "data", "blog.db")), "the database is not in the working folder's data/");
            // The rolling log file is configured in appsettings.json alone: it exists only if that was read.
            Assert.NotEmpty(Directory.GetFiles(Path.Combine(_workingFolder, "data", "logs"), "blog-*.log"));
        }
        finally
        {
            app.Kill(entireProcessTree: true);
            await app.WaitForExitAsync();
        }
        Assert.DoesNotContain("error", await errors);
    }

    [Fact]
    public async Task AContentRootWithoutTheAppsFiles_StopsTheStartWithAMessage()
    {
        var empty = Path.Combine(_workingFolder, "empty");
        Directory.CreateDirectory(empty);
        using var app = Start(Ports.Closed(), "--contentRoot", empty);
        var errors = app.StandardError.ReadToEndAsync();
        _ = app.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try
        {
            await app.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            app.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException("the app started without its settings file");
        }

        Assert.Equal(1, app.ExitCode);
        Assert.Contains($"{Path.Combine(empty, "appsettings.json")} is missing", await errors);
    }
}
