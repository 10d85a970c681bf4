using Blog.Data;
using Microsoft.EntityFrameworkCore;

namespace Blog.Cli;

internal static class BackupCommand
{
    /// <summary>
    /// VACUUM INTO writes a consistent snapshot from one read transaction, so it is safe while
    /// the site serves and writes (a file copy of a WAL database is not).
    /// </summary>
    public static async Task<int> RunAsync(string[] args, IServiceProvider services)
    {
        if (args.Length != 1)
            throw new CommandException("usage: backup PATH");

        var target = Path.GetFullPath(args[0]);
        if (File.Exists(target))
            throw new CommandException($"{target} already exists; choose a new file name.");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);

        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BlogDbContext>();
        await db.Database.ExecuteSqlAsync($"VACUUM INTO {target}");
        Console.WriteLine($"backup written to {target} ({new FileInfo(target).Length:N0} bytes)");
        return 0;
    }
}
