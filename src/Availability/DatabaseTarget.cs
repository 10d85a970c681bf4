using Blog.Hosting;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Blog.Availability;

/// <summary>
/// What the site connects to, in words an operator recognises ("PostgreSQL at db:5432/blog",
/// "SQLite file /app/data/blog.db"), read from the same configuration the database context
/// uses. Never the password: these words go to logs, the admin dashboard and the console.
/// </summary>
public sealed record DatabaseTarget(string Description, string? Secret)
{
    public override string ToString() => Description;

    public static DatabaseTarget From(IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("Blog");
        DatabaseProvider provider;
        try
        {
            provider = DatabaseSetup.ProviderOf(configuration["Blog:Database:Provider"]);
        }
        catch (InvalidOperationException)
        {
            return new DatabaseTarget($"the database provider '{configuration["Blog:Database:Provider"]}'", null);
        }
        return provider == DatabaseProvider.Postgres ? Postgres(connectionString) : Sqlite(connectionString);
    }

    private static DatabaseTarget Postgres(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
            return new DatabaseTarget("PostgreSQL (no connection string)", null);
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            var host = string.IsNullOrEmpty(builder.Host) ? "localhost" : builder.Host;
            var user = string.IsNullOrEmpty(builder.Username) ? "" : $" as user '{builder.Username}'";
            return new DatabaseTarget($"PostgreSQL at {host}:{builder.Port}/{builder.Database ?? builder.Username ?? "?"}{user}",
                string.IsNullOrEmpty(builder.Password) ? null : builder.Password);
        }
        catch (ArgumentException)
        {
            return new DatabaseTarget("PostgreSQL (unreadable connection string)", PasswordIn(connectionString));
        }
    }

    private static DatabaseTarget Sqlite(string? connectionString)
    {
        try
        {
            var dataSource = new SqliteConnectionStringBuilder(connectionString ?? DatabaseSetup.DefaultConnectionString).DataSource;
            return string.IsNullOrEmpty(dataSource) || dataSource.Contains(":memory:", StringComparison.Ordinal)
                ? new DatabaseTarget("SQLite in memory", null)
                : new DatabaseTarget($"SQLite file {Path.GetFullPath(dataSource)}", null);
        }
        catch (ArgumentException)
        {
            return new DatabaseTarget("SQLite (unreadable connection string)", PasswordIn(connectionString));
        }
    }

    /// <summary>
    /// A connection string the driver cannot parse may still hold a password, and the parser's
    /// complaint may quote a piece of it ("Keyword not supported: 'cret'" for a password with a
    /// semicolon); whatever follows "Password=" is treated as secret.
    /// </summary>
    private static string? PasswordIn(string? connectionString)
    {
        if (connectionString is null)
            return null;
        foreach (var key in new[] { "password=", "pwd=" })
        {
            var at = connectionString.IndexOf(key, StringComparison.OrdinalIgnoreCase);
            if (at >= 0)
                return connectionString[(at + key.Length)..];
        }
        return null;
    }

    /// <summary>The text with the password, and any part of it, blotted out.</summary>
    public string Redact(string text)
    {
        if (string.IsNullOrEmpty(Secret))
            return text;
        text = text.Replace(Secret, "***", StringComparison.Ordinal);
        foreach (var piece in Secret.Split([';', '=', '\'', '"'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (piece.Length >= 3)
                text = text.Replace(piece, "***", StringComparison.Ordinal);
        }
        return text;
    }
}
