using Blog.Import;

namespace Blog.Cli;

internal static class ImportCommand
{
    public static async Task<int> RunAsync(string[] args, IServiceProvider services)
    {
        var dryRun = args.Contains("--dry-run");
        var paths = args.Where(a => a != "--dry-run").ToArray();
        if (paths.Length != 1)
            throw new CommandException("usage: import PATH [--dry-run] (a folder or a .zip of Markdown notes; --dry-run says what it would do and writes nothing)");

        using var scope = services.CreateScope();
        var importer = scope.ServiceProvider.GetRequiredService<NoteImporter>();
        var report = await importer.ImportAsync(paths[0], dryRun);

        foreach (var item in report.Items)
            Console.WriteLine($"{item.Outcome.ToString().ToLowerInvariant(),-9} {item.File}{(item.Message is null ? "" : ": " + item.Message)}");
        foreach (var key in report.Linked)
            Console.WriteLine($"{"linked",-9} {key}: its links to notes imported after it now point at their posts");
        if (report.Error is not null)
            await Console.Error.WriteLineAsync($"error: {report.Error}");
        Console.WriteLine(report.Summary);
        return report.Succeeded ? 0 : 1;
    }
}
