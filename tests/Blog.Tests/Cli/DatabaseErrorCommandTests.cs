using Blog.Tests.Infrastructure;

namespace Blog.Tests.Cli;

/// <summary>The commands with a database they cannot use: one line that says which and why, exit 1.</summary>
public sealed class DatabaseErrorCommandTests : IDisposable
{
    private const string Password = "hunter2-not-for-logs";
    private readonly string _data = Path.Combine(Path.GetTempPath(), "blog-cli-db", Guid.NewGuid().ToString("N"));

    public static TheoryData<string[]> Commands => new()
    {
        new[] { "import", "notes" },
        new[] { "export", "site.zip" },
        new[] { "backup", "copy.db" },
        new[] { "admin", "create", "--user", "me", "--password-stdin" },
        new[] { "search", "rebuild" },
        new[] { "migrate" },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Command_PostgresNotListening_PrintsOneLineNamingTheServer_AndExits1(string[] command)
    {
        var port = Ports.Closed();
        var run = await RunAsync("Postgres", $"Host=127.0.0.1;Port={port};Username=blog;Password={Password};Database=blog_cli", command);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            $"error: cannot set up the database: PostgreSQL at 127.0.0.1:{port}/blog_cli as user 'blog': Failed to connect to 127.0.0.1:{port}: Connection refused",
            run.Errors.Trim());
        Assert.DoesNotContain(Password, run.Output + run.Errors);
        Assert.DoesNotContain("   at ", run.Output + run.Errors);
    }

    [Fact]
    public async Task Command_UnreadableConnectionString_SaysSoWithoutThePassword()
    {
        var run = await RunAsync("Postgres", $"Host=127.0.0.1;Prot=5432;Username=blog;Password={Password}", "search", "rebuild");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error: cannot set up the database: PostgreSQL (unreadable connection string): ConnectionStrings:Blog cannot be read", run.Errors.Trim());
        Assert.Single(run.Errors.Trim().Split('\n'));
        Assert.DoesNotContain(Password, run.Output + run.Errors);
    }

    [Fact]
    public async Task Command_SqliteFolderThatCannotBeMade_NamesTheFile()
    {
        Directory.CreateDirectory(_data);
        File.WriteAllText(Path.Combine(_data, "db"), "a file where the database's folder should be");
        var database = Path.Combine(_data, "db", "blog.db");

        var run = await RunAsync("Sqlite", $"Data Source={database}", "export", Path.Combine(_data, "site.zip"));

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"error: cannot set up the database: SQLite file {database}: ", run.Errors.Trim());
        Assert.Contains("writable by this user", run.Errors);
        Assert.Single(run.Errors.Trim().Split('\n'));
        Assert.False(File.Exists(Path.Combine(_data, "site.zip")));
    }

    private Task<BlogCommand.Run> RunAsync(string provider, string connectionString, params string[] command) =>
        BlogCommand.RunAsync(_data, new Dictionary<string, string>
        {
            ["Blog__Database__Provider"] = provider,
            ["ConnectionStrings__Blog"] = connectionString,
        }, command);


    public void Dispose()
    {
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }
}
