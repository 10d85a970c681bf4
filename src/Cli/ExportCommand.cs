using Blog.Export;

namespace Blog.Cli;

internal static class ExportCommand
{
    /// <summary>
    /// <c>export PATH.zip</c>: the admin's export, written to a file. It is written under a
    /// temporary name and moved into place when complete, so PATH is never a half-written zip,
    /// and an existing file is never replaced.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, IServiceProvider services)
    {
        if (args.Length != 1 || !args[0].EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
            throw new CommandException("usage: export PATH.zip");

        var target = Path.GetFullPath(args[0]);
        if (File.Exists(target) || Directory.Exists(target))
            throw new CommandException($"{target} already exists; choose a new file name.");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);

        var temporary = target + $".{Guid.NewGuid():N}.partial";
        ExportResult result;
        try
        {
            await using (var output = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite))
            {
                using var scope = services.CreateScope();
                result = await scope.ServiceProvider.GetRequiredService<NoteExporter>().ExportAsync(output);
            }
            File.Move(temporary, target, overwrite: false);
        }
        catch (IOException) when (File.Exists(target))
        {
            throw new CommandException($"{target} appeared while the export was written; it was left alone. Choose a new file name.");
        }
        finally
        {
            File.Delete(temporary);
        }

        foreach (var note in result.Notes)
            Console.WriteLine($"{(note.Draft ? "draft" : "post"),-6}{note.File}");
        foreach (var warning in result.Warnings)
            await Console.Error.WriteLineAsync($"warning: {warning}");
        Console.WriteLine($"exported {result.Summary} to {target} ({new FileInfo(target).Length:N0} bytes); posts in the trash are not exported");
        return 0;
    }
}
