using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Blog.Data;

/// <summary>
/// One process at a time sets the database up (migrate, seed), however many nodes
/// and commands start together on an empty database. EF Core's own migration lock covers
/// Migrate() alone (on PostgreSQL a LOCK TABLE of the history table inside each migration's
/// transaction, taken after the history table was created; on SQLite a row in
/// __EFMigrationsLock), not the seed that follows, so two nodes would both see no `_seeded`
/// mark and both insert the categories and the welcome post. The lock is held by the process
/// or the server session, so a process that dies mid-way releases it. Each provider's dialect
/// takes its own kind (<see cref="DatabaseDialect.LockSetUpAsync"/>).
/// </summary>
internal static class InitializationLock
{
    /// <summary>An arbitrary, fixed advisory lock key: "BlogInit" in ASCII.</summary>
    private const long PostgresKey = 0x426C6F67_496E6974;

    /// <summary>
    /// A session-level advisory lock on a connection of its own (unpooled, so that closing it
    /// ends the session and nothing else runs on it). The database must exist before anyone can
    /// connect to it to take the lock, so it is created first, tolerating a node that did so at
    /// the same moment.
    /// </summary>
    public static async Task<IAsyncDisposable> AcquirePostgresAsync(BlogDbContext db, CancellationToken cancellationToken)
    {
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (!await creator.ExistsAsync(cancellationToken))
        {
            try
            {
                await creator.CreateAsync(cancellationToken);
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
            {
                // Another node created it between our look and our CREATE DATABASE.
            }
        }

        var connectionString = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()) { Pooling = false, Enlist = false }.ConnectionString;
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection) { CommandTimeout = 0 };
            command.Parameters.AddWithValue("key", PostgresKey);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return connection; // disposing it closes the session, which releases the lock
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// An exclusive lock on a file beside the database. A transaction on the database itself
    /// cannot be it: EF migrates on connections and transactions of its own, which would wait
    /// for ours. With the lock held, any row left in EF's __EFMigrationsLock is from a process
    /// that died mid-migration (tests/faults.sh kills the import that way), and would make
    /// Migrate() wait forever: it is removed.
    /// </summary>
    public static async Task<IAsyncDisposable> AcquireSqliteAsync(BlogDbContext db, CancellationToken cancellationToken)
    {
        var dataSource = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        if (string.IsNullOrEmpty(dataSource) || dataSource.Contains(":memory:", StringComparison.Ordinal))
            return NoLock.Instance;

        var lockFile = await LockFileAsync(Path.GetFullPath(dataSource) + ".setup-lock", cancellationToken);
        try
        {
            var table = await db.Database.SqlQueryRaw<int>(
                "SELECT count(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsLock'").SingleAsync(cancellationToken);
            // Looked at before it is deleted: a start with nothing to do writes nothing, so it does
            // not wait for a writer (an import, a save) to finish.
            if (table > 0 && await db.Database.SqlQueryRaw<int>("SELECT count(*) AS \"Value\" FROM \"__EFMigrationsLock\"").SingleAsync(cancellationToken) > 0)
                await db.Database.ExecuteSqlRawAsync("DELETE FROM \"__EFMigrationsLock\"", cancellationToken);
            return lockFile;
        }
        catch
        {
            await lockFile.DisposeAsync();
            throw;
        }
    }

    private static async Task<FileStream> LockFileAsync(string path, CancellationToken cancellationToken)
    {
        // Windows reports a held lock as a sharing violation; Unix as EWOULDBLOCK (11 on Linux, 35 on macOS).
        int[] heldElsewhere = [unchecked((int)0x80070020), 11, 35];
        while (true)
        {
            try
            {
                // FileShare.None is an exclusive flock() on Linux and a share mode on Windows:
                // held by this open file until it is closed, or the process ends.
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1);
            }
            catch (IOException e) when (heldElsewhere.Contains(e.HResult))
            {
                await Task.Delay(50, cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new IOException($"Cannot create {path}, the set-up lock beside the database ({e.Message}).", e);
            }
        }
    }

    private sealed class NoLock : IAsyncDisposable
    {
        public static readonly NoLock Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
