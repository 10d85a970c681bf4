using System.Diagnostics;
using Blog.Hosting;

namespace Blog.Tests.Infrastructure;

/// <summary>
/// The real executable, as the author runs it: <c>dotnet Blog.dll COMMAND ...</c>, from the
/// repository root, over a data folder of the test's own.
/// </summary>
public static class BlogCommand
{
    public sealed record Run(int ExitCode, string Output, string Errors);

    public static Task<Run> RunAsync(string dataFolder, params string[] arguments) =>
        RunAsync(dataFolder, new Dictionary<string, string>(), arguments);

    /// <summary>The same, with environment variables of the test's own (a wrong connection string, say).</summary>
    public static Task<Run> RunAsync(string dataFolder, IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        RunCoreAsync(TestDatabase.Provider, TestDatabase.ConnectionStringFor(dataFolder), dataFolder, environment, arguments);

    /// <summary>The same, with <paramref name="input"/> on standard input, then its end (a password for <c>admin create</c>).</summary>
    public static Task<Run> RunWithInputAsync(string dataFolder, string input, params string[] arguments) =>
        RunCoreAsync(TestDatabase.Provider, TestDatabase.ConnectionStringFor(dataFolder), dataFolder, new Dictionary<string, string>(), arguments, input);

    /// <summary>The command over a database the test chooses, whatever the suite runs on (a SQLite site to copy, say).</summary>
    public static Task<Run> RunOnAsync(DatabaseProvider provider, string connectionString, string dataFolder, params string[] arguments) =>
        RunCoreAsync(provider, connectionString, dataFolder, new Dictionary<string, string>(), arguments);

    /// <summary>The same over a database the test chooses, with <paramref name="input"/> on standard input.</summary>
    public static Task<Run> RunOnWithInputAsync(DatabaseProvider provider, string connectionString, string dataFolder, string input, params string[] arguments) =>
        RunCoreAsync(provider, connectionString, dataFolder, new Dictionary<string, string>(), arguments, input);

    private static async Task<Run> RunCoreAsync(DatabaseProvider provider, string connectionString, string dataFolder,
        IReadOnlyDictionary<string, string> environment, string[] arguments, string? input = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryRoot(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = input is not null,
            Environment =
            {
                ["Blog__Database__Provider"] = provider.ToString(),
                ["ConnectionStrings__Blog"] = connectionString,
                ["Blog__MediaPath"] = Path.Combine(dataFolder, "media"),
                ["Serilog__WriteTo__1__Args__path"] = Path.Combine(dataFolder, "logs", "blog-.log"),
                ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            },
        };
        foreach (var (key, value) in environment)
            start.Environment[key] = value;
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Blog.dll"));
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);

        using var process = Process.Start(start)!;
        if (input is not null)
        {
            await process.StandardInput.WriteLineAsync(input);
            process.StandardInput.Close();
        }
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return new Run(process.ExitCode, await output, await errors);
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Blog.sln")))
                return folder.FullName;
        }
        throw new InvalidOperationException("Blog.sln not found above " + AppContext.BaseDirectory);
    }
}
