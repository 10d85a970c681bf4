using Blog.Availability;

namespace Blog.Cli;

internal static class MigrateCommand
{
    /// <summary>
    /// <c>migrate</c>: for operators who set the database up before starting the nodes (a
    /// deployment step, an init container). The work itself is what every command does first
    /// (create, migrate and seed under the set-up lock, then render again the posts of an older pipeline); this reports what it did.
    /// </summary>
    public static Task<int> RunAsync(string[] args, IServiceProvider services)
    {
        if (args.Length != 0)
            throw new CommandException("usage: migrate");

        var setup = services.GetRequiredService<DatabaseStatus>().LastSetup!;
        var target = DatabaseTarget.From(services.GetRequiredService<IConfiguration>());
        Console.WriteLine(setup.AppliedMigrations.Count == 0
            ? $"{target}: already up to date (latest migration {setup.LatestMigration})"
            : $"{target}: applied {setup.AppliedMigrations.Count} migration(s): {string.Join(", ", setup.AppliedMigrations)}");
        if (setup.Seeded)
            Console.WriteLine("seeded a fresh site: three categories and the welcome post");
        if (setup.Rerendered > 0)
            Console.WriteLine($"re-rendered {setup.Rerendered} post(s) with the current Markdown pipeline");
        return Task.FromResult(0);
    }
}
