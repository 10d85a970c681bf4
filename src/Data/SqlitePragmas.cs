using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Blog.Data;

/// <summary>
/// Per-connection SQLite settings for a web server: a busy timeout so writers queue instead of
/// failing with "database is locked", and synchronous=NORMAL, which is durable under WAL.
/// (WAL itself is a property of the file, set once at start.)
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
