using Blog.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Blog.Hosting;

internal static class DatabaseSetup
{
    public const string DefaultConnectionString = "Data Source=data/blog.db";

    public static IServiceCollection AddBlogDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var provider = configuration["Blog:Database:Provider"] ?? "Sqlite";
        if (!provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException(
                $"Blog:Database:Provider is '{provider}', but this build supports only 'Sqlite'.");

        var connectionString = configuration.GetConnectionString("Blog") is { Length: > 0 } configured
            ? configured
            : DefaultConnectionString;
        EnsureDirectoryFor(connectionString);

        services.AddDbContext<BlogDbContext>(options => options
            .UseSqlite(connectionString)
            .AddInterceptors(new SqlitePragmas()));
        return services;
    }

    /// <summary>SQLite creates the file but not its folder; a fresh checkout has no data/ yet.</summary>
    private static void EnsureDirectoryFor(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrEmpty(dataSource) || dataSource == ":memory:")
            return;
        var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(folder))
            Directory.CreateDirectory(folder);
    }
}
