using Blog.Data;

namespace Blog.Cli;

internal static class BackupCommand
{
    public static async Task<int> RunAsync(string[] args, IServiceProvider services)
    {
        if (args.Length != 1)
            throw new CommandException("usage: backup PATH");

        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BlogDbContext>();
        if (!DatabaseBackup.IsSupported(db))
            throw new CommandException(DatabaseBackup.PostgresAdvice);

        var target = Path.GetFullPath(args[0]);
        if (File.Exists(target))
            throw new CommandException($"{target} already exists; choose a new file name.");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);

        await DatabaseBackup.WriteAsync(db, target);
        Console.WriteLine($"backup written to {target} ({new FileInfo(target).Length:N0} bytes)");
        return 0;
    }
}
