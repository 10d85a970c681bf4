using System.Globalization;
using Blog.Copy;
using Blog.Data;
using Blog.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Blog.Cli;

internal static class CopyToPostgresCommand
{
    public const string Usage = "usage: copy-to-postgres \"Host=...;Database=...;Username=...;Password=...\" [--media-to FOLDER]";

    /// <summary>
    /// <c>copy-to-postgres TARGET [--media-to FOLDER]</c>: the configured SQLite site, copied into
    /// an empty PostgreSQL database (see <see cref="PostgresCopy"/>). Prints a count per table,
    /// what to do with the images, and how to start the site on the copy.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, IServiceProvider services)
    {
        var (target, mediaTo) = Parse(args);

        using var scope = services.CreateScope();
        var source = scope.ServiceProvider.GetRequiredService<BlogDbContext>();
        if (source.Dialect.Provider != DatabaseProvider.Sqlite)
            throw new CommandException("this site already runs on PostgreSQL; copy-to-postgres reads a SQLite site (ConnectionStrings__Blog with Blog__Database__Provider=Sqlite)");
        var mediaFrom = scope.ServiceProvider.GetRequiredService<IOptions<BlogOptions>>().Value.MediaPath;

        var sourceFile = Path.GetFullPath(new SqliteConnectionStringBuilder(source.Database.GetConnectionString()).DataSource);
        Console.WriteLine($"copying {sourceFile} to PostgreSQL {PostgresCopy.Describe(target)}");
        CopyReport report;
        try
        {
            report = await PostgresCopy.RunAsync(source, target, mediaFrom, mediaTo,
                table => Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {table.Table,-20}{table.Rows,10:N0} rows {table.Elapsed.TotalSeconds,6:0.0} s")));
        }
        catch (Exception e) when (TargetErrors.Describe(e, target) is { } reason)
        {
            throw new CommandException(reason);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"search index: {report.IndexedPosts:N0} posts {report.Indexing.TotalSeconds:0.0} s"));
        Console.WriteLine(Images(report.Media));
        var rows = report.Tables.Sum(t => t.Rows);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"copied {rows:N0} rows in {report.Tables.Count} tables in {report.Elapsed.TotalSeconds:0.0} s; serve the copy with Blog__Database__Provider=Postgres and ConnectionStrings__Blog set to the target"));
        return 0;
    }

    private static (string Target, string? MediaTo) Parse(string[] args)
    {
        var mediaIndex = Array.IndexOf(args, "--media-to");
        string? mediaTo = null;
        if (mediaIndex >= 0)
        {
            if (mediaIndex + 1 >= args.Length)
                throw new CommandException("give the PostgreSQL site's media folder after --media-to");
            mediaTo = args[mediaIndex + 1];
            args = [.. args[..mediaIndex], .. args[(mediaIndex + 2)..]];
        }
        if (args is not [var target] || target.StartsWith('-'))
            throw new CommandException(Usage);

        NpgsqlConnectionStringBuilder parsed;
        try
        {
            parsed = new NpgsqlConnectionStringBuilder(target);
        }
        catch (ArgumentException e)
        {
            throw new CommandException($"the target is not a PostgreSQL connection string: it has '{e.ParamName}', which Npgsql does not know or cannot use (write it as \"Host=...;Database=...;Username=...\")");
        }
        if (string.IsNullOrEmpty(parsed.Host))
            throw new CommandException("the target connection string names no server: add Host=...");
        if (string.IsNullOrEmpty(parsed.Database))
            throw new CommandException("the target connection string names no database: add Database=NAME (it is created when missing)");
        return (target, mediaTo);
    }

    private static string Images(MediaCopyReport media)
    {
        var missing = media.Missing.Count == 0 ? "" : $"; {media.Missing.Count} missing from {media.From} already: {string.Join(", ", media.Missing.Take(5))}{(media.Missing.Count > 5 ? ", ..." : "")}";
        if (media.To is null)
            return $"images: {media.Images:N0} files stay in {media.From}; give the PostgreSQL site the same Blog__MediaPath, or copy that folder to its own (or run again with --media-to FOLDER){missing}";
        return $"images: {media.Images:N0} in {media.To} ({media.Copied:N0} copied, {media.AlreadyThere:N0} already there){missing}; set the PostgreSQL site's Blog__MediaPath to {media.To}";
    }
}
