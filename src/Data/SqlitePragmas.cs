using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Blog.Data;

/// <summary>
/// Per-connection SQLite settings for a web server: a busy timeout so writers queue instead of
/// failing with "database is locked"; synchronous=NORMAL, which is durable under WAL; and
/// temporary files in memory. A savepoint (the import's, one per note) keeps the pages it changes
/// in a journal of its own, which past 64 KB went to a temporary file: two writes per page, for a
/// journal released a moment later. (WAL itself is a property of the file, set once at start.)
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY;";

    // The settings live as long as the native connection, which the pool hands out again and
    // again; EF opens a connection for each query, so setting them on every open cost two more
    // statements to prepare and run per query. The native handles already set are remembered
    // weakly: a handle the pool has closed is forgotten with it.
    private static readonly ConditionalWeakTable<object, object> Configured = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (IsConfigured(connection))
            return;
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
        Remember(connection);
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (IsConfigured(connection))
            return;
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
        Remember(connection);
    }

    private static bool IsConfigured(DbConnection connection) => HandleOf(connection) is { } handle && Configured.TryGetValue(handle, out _);

    private static void Remember(DbConnection connection)
    {
        if (HandleOf(connection) is { } handle)
            Configured.AddOrUpdate(handle, handle);
    }

    private static object? HandleOf(DbConnection connection) => (connection as SqliteConnection)?.Handle;
}
