using Blog.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Blog.Hosting;

public enum DatabaseProvider { Sqlite, Postgres }

public static class DatabaseSetup
{
    public const string DefaultConnectionString = "Data Source=data/blog.db";

    /// <summary>
    /// Configuration is read when the first context is made, not at registration, so that test
    /// hosts and environment variables that arrive late still choose the database. Contexts are
    /// pooled: making one (its own services, its connection object) cost more than some of the
    /// queries a page asks of it.
    /// </summary>
    public static IServiceCollection AddBlogDatabase(this IServiceCollection services)
    {
        services.AddDbContextPool<BlogDbContext>((provider, options) =>
        {
            var configuration = provider.GetRequiredService<IConfiguration>();
            var database = ProviderOf(configuration["Blog:Database:Provider"]);
            var connectionString = configuration.GetConnectionString("Blog") is { Length: > 0 } configured
                ? configured
                : DatabaseDialect.For(database).DefaultConnectionString ?? throw new InvalidOperationException(
                    "Blog:Database:Provider is 'Postgres' but ConnectionStrings:Blog is empty; set ConnectionStrings__Blog to a PostgreSQL connection string.");
            UseProvider(options, database, connectionString);
        });
        return services;
    }

    public static DatabaseProvider ProviderOf(string? name) => name switch
    {
        null or "" => DatabaseProvider.Sqlite,
        _ when name.Equals("Sqlite", StringComparison.OrdinalIgnoreCase) => DatabaseProvider.Sqlite,
        _ when name.Equals("Postgres", StringComparison.OrdinalIgnoreCase)
            || name.Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase) => DatabaseProvider.Postgres,
        _ => throw new InvalidOperationException(
            $"Blog:Database:Provider is '{name}'; supported values are 'Sqlite' (the default) and 'Postgres'."),
    };

    /// <summary>The provider's dialect and its own migration set; shared by the site, the tests and EF's design tool.</summary>
    public static DbContextOptionsBuilder UseProvider(DbContextOptionsBuilder options, DatabaseProvider database, string connectionString)
    {
        DatabaseDialect.For(database).Use(options, connectionString);
        // A database that is down makes every attempt fail; DatabaseStatus says so once, in one
        // line, instead of EF logging each failed connection and query with its stack trace.
        // A failure that is a bug still reaches the request pipeline (or the command line),
        // which logs it with its stack trace once.
        options.ConfigureWarnings(w => w.Log(
            (RelationalEventId.ConnectionError, LogLevel.Debug),
            (CoreEventId.QueryIterationFailed, LogLevel.Debug),
            (CoreEventId.SaveChangesFailed, LogLevel.Debug)));
        return options.ReplaceService<IMigrationsAssembly, ProviderMigrationsAssembly>();
    }
}
