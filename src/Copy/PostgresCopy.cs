using System.Data.Common;
using System.Diagnostics;
using Blog.Data;
using Blog.Hosting;
using Blog.Search;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Blog.Copy;

public sealed record TableCount(string Table, long Rows, TimeSpan Elapsed);

public sealed record CopyReport(IReadOnlyList<TableCount> Tables, int IndexedPosts, TimeSpan Indexing, MediaCopyReport Media, TimeSpan Elapsed);

/// <summary>
/// Copies a SQLite site into an empty PostgreSQL database: the schema by the Postgres
/// migrations, then every table of the model with its ids, the identity sequences moved past
/// them, and the search index built, all in one transaction on the target, so a failure
/// anywhere leaves it as empty as it was. The source is read from one snapshot, so the site can
/// keep serving (writes made after the snapshot are not in the copy).
/// </summary>
public static class PostgresCopy
{
    public static async Task<CopyReport> RunAsync(BlogDbContext source, string targetConnectionString, string mediaFrom, string? mediaTo,
        Action<TableCount> copied, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        await using var target = TargetContext(targetConnectionString);
        // Creates the database when it is missing (given the right), then the schema.
        await target.Database.MigrateAsync(cancellationToken);
        await target.Database.OpenConnectionAsync(cancellationToken);
        var tables = ModelTables.InInsertOrder(target.Model);

        // A deferred transaction takes no lock: the first read fixes a snapshot (WAL) that every
        // later read of this copy sees, while the site goes on writing.
        await source.Database.OpenConnectionAsync(cancellationToken);
        await using var snapshot = ((SqliteConnection)source.Database.GetDbConnection()).BeginTransaction(deferred: true);
        await source.Database.UseTransactionAsync(snapshot, cancellationToken);

        // Asked before the images are copied, and again under lock before anything is written.
        await RefuseUnlessEmptyAsync(target, tables, cancellationToken);
        var images = await source.Media.AsNoTracking().Select(m => new StoredImage(m.FileName, m.Sha256)).ToListAsync(cancellationToken);
        var media = await MediaFolderCopy.CopyAsync(images, mediaFrom, mediaTo, cancellationToken);

        await using var transaction = await target.Database.BeginTransactionAsync(cancellationToken);
        var sql = target.GetService<ISqlGenerationHelper>();
        // A site already running on the target would hold the tables briefly; waiting longer means it is busy there.
        await ExecuteAsync(target, "SET LOCAL lock_timeout = '10s'", cancellationToken);
        await ExecuteAsync(target, $"LOCK TABLE {string.Join(", ", tables.Select(t => sql.DelimitIdentifier(t.Name, t.Schema)))} IN EXCLUSIVE MODE", cancellationToken);
        await RefuseUnlessEmptyAsync(target, tables, cancellationToken);

        var copier = new TableCopier(source, snapshot, target, transaction.GetDbTransaction());
        var counts = new List<TableCount>();
        foreach (var table in tables)
        {
            var started = clock.Elapsed;
            var count = new TableCount(table.Name, await copier.CopyAsync(table, cancellationToken), clock.Elapsed - started);
            counts.Add(count);
            copied(count);
        }
        foreach (var table in tables)
            await MoveSequencesPastCopiedIdsAsync(target, sql, table, cancellationToken);

        var indexing = Stopwatch.StartNew();
        var postIds = await target.Posts.Select(p => p.Id).ToListAsync(cancellationToken);
        await SearchIndex.UpdateAsync(target.Dialect.Search, target.Database.GetDbConnection(), transaction.GetDbTransaction(), postIds, cancellationToken);
        indexing.Stop();

        await transaction.CommitAsync(cancellationToken);
        return new CopyReport(counts, postIds.Count, indexing.Elapsed, media, clock.Elapsed);
    }

    /// <summary>A context on the target without the site's interceptors: rows are copied as they are (the content version too), not saved anew.</summary>
    private static BlogDbContext TargetContext(string connectionString)
    {
        var options = new DbContextOptionsBuilder<BlogDbContext>();
        DatabaseSetup.UseProvider(options, DatabaseProvider.Postgres, connectionString);
        return new BlogDbContext(options.Options);
    }

    private static async Task RefuseUnlessEmptyAsync(BlogDbContext target, IReadOnlyList<ITable> tables, CancellationToken cancellationToken)
    {
        var sql = target.GetService<ISqlGenerationHelper>();
        var holding = new List<string>();
        foreach (var table in tables)
        {
            await using var command = Command(target, $"SELECT EXISTS (SELECT 1 FROM {sql.DelimitIdentifier(table.Name, table.Schema)})");
            if (await command.ExecuteScalarAsync(cancellationToken) is true)
                holding.Add(table.Name);
        }
        if (holding.Count > 0)
            throw new CopyRefusedException(
                $"the target database is not empty ({string.Join(", ", holding)} hold rows), so nothing was copied; give the copy a new database (it is created when missing) or an empty one");
    }

    /// <summary>
    /// Rows came with their ids, which the identity sequences did not hand out: without this the
    /// PostgreSQL site's first new post would be given id 1 and fail.
    /// </summary>
    private static async Task MoveSequencesPastCopiedIdsAsync(BlogDbContext target, ISqlGenerationHelper sql, ITable table, CancellationToken cancellationToken)
    {
        var generated = table.Columns.Where(c => c.PropertyMappings.Any(m => m.Property.ValueGenerated.HasFlag(ValueGenerated.OnAdd))
            && c.ProviderClrType is var type && (type == typeof(int) || type == typeof(long) || type == typeof(short)));
        foreach (var column in generated)
        {
            var name = sql.DelimitIdentifier(table.Name, table.Schema);
            // setval(NULL, ...) is NULL: a column without a sequence is passed over.
            await ExecuteAsync(target,
                $"SELECT setval(pg_get_serial_sequence('{name.Replace("'", "''")}', '{column.Name.Replace("'", "''")}'), " +
                $"COALESCE(MAX({sql.DelimitIdentifier(column.Name)}), 0) + 1, false) FROM {name}", cancellationToken);
        }
    }

    private static async Task ExecuteAsync(BlogDbContext db, string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(db, sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static DbCommand Command(BlogDbContext db, string sql)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = sql;
        return command;
    }

    /// <summary>The target as the output may show it: never its password.</summary>
    public static string Describe(string connectionString)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var user = string.IsNullOrEmpty(target.Username) ? "" : target.Username + "@";
        return $"{user}{target.Host}:{target.Port}/{target.Database}";
    }
}
