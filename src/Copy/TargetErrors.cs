using System.Net.Sockets;
using Npgsql;

namespace Blog.Copy;

/// <summary>What went wrong with the target, in one line a person can act on; null for anything else (a bug, shown in full).</summary>
internal static class TargetErrors
{
    public static string? Describe(Exception exception, string connectionString)
    {
        if (exception is CopyRefusedException)
            return exception.Message;
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var server = $"{target.Host}:{target.Port}";
        return exception switch
        {
            PostgresException { SqlState: PostgresErrorCodes.InvalidPassword } =>
                $"PostgreSQL at {server} refused the password of user '{target.Username}'; nothing was copied",
            PostgresException { SqlState: PostgresErrorCodes.InvalidAuthorizationSpecification } e =>
                $"PostgreSQL at {server} refused user '{target.Username}': {e.MessageText}; nothing was copied",
            PostgresException { SqlState: PostgresErrorCodes.InsufficientPrivilege } e =>
                $"PostgreSQL at {server}: {e.MessageText} (user '{target.Username}' needs the right to create the database, or an existing empty one); nothing was copied",
            PostgresException { SqlState: PostgresErrorCodes.LockNotAvailable or PostgresErrorCodes.QueryCanceled } =>
                $"the target's tables are in use (is a site running on {target.Database}?); nothing was copied",
            PostgresException e => $"PostgreSQL at {server}: {e.MessageText} ({e.SqlState}); nothing was copied",
            NpgsqlException { InnerException: SocketException or TimeoutException } e =>
                $"cannot reach PostgreSQL at {server}: {e.InnerException!.Message}",
            NpgsqlException e when e.IsTransient => $"cannot reach PostgreSQL at {server}: {e.Message}",
            _ => null,
        };
    }
}
