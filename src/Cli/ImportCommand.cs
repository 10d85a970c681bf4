using Blog.Import;

namespace Blog.Cli;

internal static class ImportCommand
{
    public static async Task<int> RunAsync(string[] args, IServiceProvider services)
    {
        if (args.Length != 1)
            throw new CommandException("usage: import PATH (a folder or a .zip of Markdown notes)");

        using var scope = services.CreateScope();
        var importer = scope.ServiceProvider.GetRequiredService<NoteImporter>();
        var report = await importer.ImportAsync(args[0]);

        foreach (var item in report.Items)
            Console.WriteLine($"{item.Outcome.ToString().ToLowerInvariant(),-9} {item.File}{(item.Message is null ? "" : ": " + item.Message)}");
        if (report.Error is not null)
            await Console.Error.WriteLineAsync($"error: {report.Error}");
        Console.WriteLine(report.Summary);
        return report.Succeeded ? 0 : 1;
    }
}
