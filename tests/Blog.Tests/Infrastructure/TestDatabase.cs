using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Blog.Hosting;
using Npgsql;

namespace Blog.Tests.Infrastructure;

/// <summary>
/// Which database the suite runs on. By default every site gets its own SQLite file; with
/// <c>BLOG_TEST_POSTGRES</c> set to a connection string of a PostgreSQL server (tests/test.sh
/// starts a throwaway one), every site gets its own database there instead, dropped afterwards.
/// </summary>
public static class TestDatabase
{
    private static readonly string? Server = Environment.GetEnvironmentVariable("BLOG_TEST_POSTGRES") is { Length: > 0 } s ? s : null;
    private static readonly ConcurrentDictionary<string, bool> Created = new();

    public static bool IsPostgres => Server is not null;

    /// <summary>The PostgreSQL server's own address, for tests that put something between it and the app.</summary>
    public static NpgsqlConnectionStringBuilder? ServerAddress => Server is null ? null : new NpgsqlConnectionStringBuilder(Server);

    public static DatabaseProvider Provider => IsPostgres ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;

    static TestDatabase()
    {
        if (IsPostgres)
            AppDomain.CurrentDomain.ProcessExit += (_, _) => DropAll();
    }

    /// <summary>
    /// A database of its own for a data folder: its SQLite file, or a new PostgreSQL database
    /// (left for the app to create when <paramref name="create"/> is false; dropped all the same).
    /// </summary>
    public static string ConnectionStringFor(string dataFolder, bool create = true)
    {
        if (!IsPostgres)
            return $"Data Source={Path.Combine(dataFolder, "blog.db")}";
        var name = NameFor(dataFolder);
        if (Created.TryAdd(name, true) && create)
            Admin($"CREATE DATABASE {name} ENCODING 'UTF8' TEMPLATE template0");
        return new NpgsqlConnectionStringBuilder(Server) { Database = name }.ConnectionString;
    }

    /// <summary>Drops the folder's PostgreSQL database, if one was made for it (a site held on SQLite in a PostgreSQL run has none).</summary>
    public static void Drop(string dataFolder)
    {
        if (!IsPostgres || !Created.ContainsKey(NameFor(dataFolder)))
            return;
        var connectionString = ConnectionStringFor(dataFolder);
        NpgsqlConnection.ClearPool(new NpgsqlConnection(connectionString));
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        Admin($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        Created.TryRemove(name, out _);
    }

    /// <summary>The server's connection string with no database, for tests that point a command at a database of their choosing.</summary>
    public static string PostgresServer => Server ?? throw new InvalidOperationException("BLOG_TEST_POSTGRES is not set");

    private static string NameFor(string dataFolder) =>
        "blog_test_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(dataFolder)))[..24];

    private static void DropAll()
    {
        NpgsqlConnection.ClearAllPools();
        foreach (var name in Created.Keys)
        {
            try { Admin($"DROP DATABASE IF EXISTS {name} WITH (FORCE)"); } catch (NpgsqlException) { }
        }
    }

    private static void Admin(string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Server) { Database = "postgres", Pooling = false }.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
