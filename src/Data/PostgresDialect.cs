using System.Data.Common;
using Blog.Availability;
using Blog.Hosting;
using Blog.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Npgsql;

namespace Blog.Data;

/// <summary>PostgreSQL's side of <see cref="DatabaseDialect"/>: a server shared by several nodes, tsvector search.</summary>
internal sealed class PostgresDialect : DatabaseDialect
{
    public static readonly PostgresDialect Instance = new();

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public override string? DefaultConnectionString => null;

    public override string MigrationsNamespace => ProviderMigrationsAssembly.PostgresNamespace;

    public override ISearchIndex Search => PostgresSearchIndex.Instance;

    protected override void UseDriver(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, o => o.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter));

    public override bool IsUniqueViolation(DbUpdateException exception) =>
        exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    public override Task<IAsyncDisposable> LockSetUpAsync(BlogDbContext db, CancellationToken cancellationToken) =>
        InitializationLock.AcquirePostgresAsync(db, cancellationToken);

    public override string HistoryTableCountSql =>
        "SELECT count(*)::int AS \"Value\" FROM pg_catalog.pg_tables WHERE tablename = '__EFMigrationsHistory' AND schemaname = current_schema()";

    public override void ClearPool(DbConnection connection) => NpgsqlConnection.ClearPool((NpgsqlConnection)connection);

    public override DatabaseTarget Describe(string? connectionString)
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
            return new DatabaseTarget("PostgreSQL (unreadable connection string)", DatabaseTarget.PasswordIn(connectionString));
        }
    }
}
