using Blog.Caching;
using Blog.Data;
using Blog.Search;
using Microsoft.EntityFrameworkCore;

namespace Blog.Hosting;

internal static class DatabaseSetup
{
    public const string DefaultConnectionString = "Data Source=data/blog.db";

    // Stateless or thread-safe: one instance serves every context.
    private static readonly SqlitePragmas Pragmas = new();
    private static readonly SearchIndexInterceptor SearchIndexer = new();

    /// <summary>
    /// Configuration is read when the first context is made, not at registration, so that test
    /// hosts and environment variables that arrive late still choose the database.
    /// </summary>
    public static IServiceCollection AddBlogDatabase(this IServiceCollection services)
    {
        services.AddDbContext<BlogDbContext>((provider, options) =>
        {
            var configuration = provider.GetRequiredService<IConfiguration>();
            var database = configuration["Blog:Database:Provider"] ?? "Sqlite";
            if (!database.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
                throw new InvalidOperationException(
                    $"Blog:Database:Provider is '{database}', but this build supports only 'Sqlite'.");

            var connectionString = configuration.GetConnectionString("Blog") is { Length: > 0 } configured
                ? configured
                : DefaultConnectionString;
            options.UseSqlite(connectionString)
                .AddInterceptors(Pragmas, SearchIndexer, provider.GetRequiredService<ContentChangeInterceptor>());
        });
        return services;
    }
}
