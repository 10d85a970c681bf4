using System.Data.Common;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Blog.Availability;

/// <summary>
/// Turns what went wrong with the database into one line an operator can act on, and tells a
/// connection that broke (the server went away) from a query that is simply wrong (a bug).
/// </summary>
public static class DatabaseFaults
{
    /// <summary>"PostgreSQL at db:5432/blog: Connection refused", without the password.</summary>
    public static string Explain(Exception exception, DatabaseTarget target) =>
        target.Redact($"{target}: {Reason(exception)}");

    private static string Reason(Exception exception)
    {
        switch (exception)
        {
            case PostgresException postgres:
                return $"{postgres.MessageText} (SQLSTATE {postgres.SqlState})";
            case NpgsqlException npgsql:
                // "Failed to connect to 127.0.0.1:5432" says where; the socket error says why.
                var cause = Innermost(npgsql);
                return cause == npgsql || npgsql.Message.Contains(cause.Message, StringComparison.Ordinal)
                    ? npgsql.Message
                    : $"{npgsql.Message}: {cause.Message}";
            case SqliteException sqlite when sqlite.SqliteErrorCode is 14 or 8 or 10:
                return $"{sqlite.Message} Check that its folder exists and that this user may write there.";
            case SqliteException sqlite:
                return sqlite.Message;
            case ArgumentException argument:
                return $"ConnectionStrings:Blog cannot be read ({argument.Message}).";
            case UnauthorizedAccessException or IOException:
                return $"{exception.Message.TrimEnd('.')}. The database's folder must exist or be creatable, and be writable by this user.";
            case InvalidOperationException or NotSupportedException when exception.InnerException is { } inner:
                return Reason(inner);
            default:
                return exception.InnerException is DbException db ? Reason(db) : exception.Message;
        }
    }

    private static Exception Innermost(Exception exception)
    {
        while (exception.InnerException is { } inner)
            exception = inner;
        return exception;
    }

    /// <summary>True when the exception came from the database (so a probe should decide what it means).</summary>
    public static bool CameFromDatabase(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is DbException or SocketException)
                return true;
        }
        return false;
    }

    /// <summary>
    /// The connection itself failed (network, server restart, shutdown), as opposed to a wrong
    /// statement: worth a 503 "try again" even when the server answers again by now.
    /// </summary>
    public static bool IsBrokenConnection(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException postgres:
                    return postgres.SqlState.StartsWith("08", StringComparison.Ordinal) || postgres.SqlState.StartsWith("57P", StringComparison.Ordinal);
                case NpgsqlException:
                    return true;
                case SqliteException sqlite:
                    return sqlite.SqliteErrorCode is 10 or 14; // SQLITE_IOERR, SQLITE_CANTOPEN
            }
        }
        return false;
    }
}
