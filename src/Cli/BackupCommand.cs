using Blog.Data;

namespace Blog.Cli;

internal static class BackupCommand
{
    public static async Task<int> RunAsync(string[] args, IServiceProvider services)
    {
        if (args.Length != 1)
            throw new CommandException("usage: backup PATH");

        var target = Path.GetFullPath(args[0]);
        if (File.Exists(target))
            throw new CommandException($"{target} already exists; choose a new file name.");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);

        using var scope = services.CreateScope();
        await DatabaseBackup.WriteAsync(scope.ServiceProvider.GetRequiredService<BlogDbContext>(), target);
        Console.WriteLine($"backup written to {target} ({new FileInfo(target).Length:N0} bytes)");
        return 0;
    }
}
