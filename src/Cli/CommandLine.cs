using Blog.Availability;
using Blog.Hosting;

namespace Blog.Cli;

/// <summary>
/// The commands of the same executable as the site. Each builds the site's services (same
/// configuration, same database), migrates the database, runs, and returns an exit code: 0 done,
/// 1 failed (the database cannot be used, or the work failed), 2 refused (bad arguments).
/// </summary>
public static class CommandLine
{
    private static readonly Dictionary<string, Func<string[], IServiceProvider, Task<int>>> Commands = new()
    {
        ["admin"] = AdminCommand.RunAsync,
        ["import"] = ImportCommand.RunAsync,
        ["export"] = ExportCommand.RunAsync,
        ["backup"] = BackupCommand.RunAsync,
        ["search"] = SearchCommand.RunAsync,
        ["migrate"] = MigrateCommand.RunAsync,
        ["copy-to-postgres"] = CopyToPostgresCommand.RunAsync,
    };

    public static bool IsCommand(string[] args) =>
        args.Length > 0 && (Commands.ContainsKey(args[0]) || args[0] is "help" or "--help" or "-h");

    public static async Task<int> RunAsync(string[] args)
    {
        if (!Commands.TryGetValue(args[0], out var command))
        {
            Console.WriteLine(Usage);
            return args[0] == "help" || args[0].StartsWith('-') ? 0 : 2;
        }

        // Command words are not configuration: build the host without them, and keep the log quiet.
        var builder = WebApplication.CreateBuilder(AppFiles.Options([]));
        try
        {
            AppFiles.EnsureSettings(builder.Environment);
        }
        catch (MissingAppFilesException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return 1;
        }
        builder.Configuration["Serilog:MinimumLevel:Default"] = "Warning";
        builder.Configuration["Serilog:MinimumLevel:Override:Microsoft"] = "Warning";
        builder.AddBlog();
        await using var app = builder.Build();

        // The site's own start (create, migrate, seed, re-render outdated posts), without its waits.
        var startup = app.Services.GetRequiredService<StartupAndRecovery>();
        var target = startup.Target;
        try
        {
            await startup.SetUpForCommandAsync(CancellationToken.None);
        }
        catch (Exception e)
        {
            // Whatever it is (down, wrong address or password, unreadable connection string, a
            // folder that cannot be written), one line that says which database and why.
            await Console.Error.WriteLineAsync($"error: cannot set up the database: {DatabaseFaults.Explain(e, target)}");
            return 1;
        }

        try
        {
            return await command(args[1..], app.Services);
        }
        catch (CommandException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return 2;
        }
        catch (Exception e) when (DatabaseFaults.IsBrokenConnection(e))
        {
            await Console.Error.WriteLineAsync($"error: the database stopped answering: {DatabaseFaults.Explain(e, target)}");
            return 1;
        }
    }

    public const string Usage = """
        Usage: Blog [command]

          (no command)                                serve the site
          admin create --user NAME --password-stdin   create an admin account (password from standard input)
            [--site-name NAME] [--author NAME] [--description TEXT]   and name the site
          import PATH                                 import a folder or a .zip of Markdown notes
          export PATH.zip                             export every post (drafts too) as Markdown notes with their images
          backup PATH                                 write a consistent copy of the database to PATH
          search rebuild                              index every post for search again
          migrate                                     create or migrate the database, seed a fresh one, and exit
          copy-to-postgres TARGET [--media-to FOLDER] copy this SQLite site into an empty PostgreSQL database
                                                      (TARGET: "Host=...;Database=...;Username=...;Password=...")
        """;
}

/// <summary>A command's refusal, printed without a stack trace.</summary>
public sealed class CommandException(string message) : Exception(message);
