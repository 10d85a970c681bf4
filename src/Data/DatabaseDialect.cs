using System.Data.Common;
using Blog.Availability;
using Blog.Hosting;
using Blog.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Blog.Data;

/// <summary>
/// Everything that differs between SQLite and PostgreSQL, in one place: how EF connects, where
/// the migrations are, the search index, what a unique violation looks like, setting the
/// database up, backups, connection pools, how the target is named. Chosen once, from
/// configuration, when a context's options are built (<see cref="Use"/>), and carried in those
/// options: a context, and EF's own services, ask <see cref="BlogDbContext.Dialect"/> instead of
/// testing which driver they run on. Each provider's side is in <see cref="SqliteDialect"/> and
/// <see cref="PostgresDialect"/>.
/// </summary>
public abstract class DatabaseDialect
{
    public static DatabaseDialect For(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Postgres => PostgresDialect.Instance,
        _ => SqliteDialect.Instance,
    };

    /// <summary>The dialect <see cref="Use"/> put in these options.</summary>
    public static DatabaseDialect Of(IDbContextOptions options) =>
        options.FindExtension<DialectExtension>()?.Dialect
        ?? throw new InvalidOperationException("The context's options were not made by DatabaseSetup.UseProvider, which chooses the database.");

    public abstract DatabaseProvider Provider { get; }

    /// <summary>The connection string when none is configured; null when one must be.</summary>
    public abstract string? DefaultConnectionString { get; }

    /// <summary>The namespace of this provider's migrations and model snapshot (see <see cref="ProviderMigrationsAssembly"/>).</summary>
    public abstract string MigrationsNamespace { get; }

    public abstract ISearchIndex Search { get; }

    /// <summary>Points the options at the database through this provider's driver, and records the choice in them.</summary>
    public DbContextOptionsBuilder Use(DbContextOptionsBuilder options, string connectionString)
    {
        UseDriver(options, connectionString);
        ((IDbContextOptionsBuilderInfrastructure)options).AddOrUpdateExtension(new DialectExtension(this));
        return options;
    }

    /// <remarks>
    /// Both drivers send a list in a query (ids.Contains(p.Id)) as one parameter (json_each on
    /// SQLite, = ANY on PostgreSQL). EF's default, a parameter per item, makes it write the SQL
    /// again at every execution, one request at a time (a lock per query): an article's related
    /// posts and every list page's rows spent more in that than in SQLite.
    /// </remarks>
    protected abstract void UseDriver(DbContextOptionsBuilder options, string connectionString);

    /// <summary>The save broke a unique index (a slug taken meanwhile), told by the driver's error code.</summary>
    public abstract bool IsUniqueViolation(DbUpdateException exception);

    /// <summary>Before the first connection: whatever must exist for the database to be created.</summary>
    public virtual void PrepareStorage(string? connectionString)
    {
    }

    /// <summary>Held while one process migrates and seeds (see <see cref="InitializationLock"/>).</summary>
    public abstract Task<IAsyncDisposable> LockSetUpAsync(BlogDbContext db, CancellationToken cancellationToken);

    /// <summary>A query whose single <c>Value</c> counts EF's history table: asked before EF is, which logs an error when it is missing.</summary>
    public abstract string HistoryTableCountSql { get; }

    /// <summary>After the migrations: settings of the database itself.</summary>
    public virtual Task AfterMigrateAsync(BlogDbContext db, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Whether the app can write a consistent copy of the database itself (see <see cref="DatabaseBackup"/>).</summary>
    public virtual bool CanBackUp => false;

    public virtual Task BackUpAsync(BlogDbContext db, string target, CancellationToken cancellationToken) =>
        throw new NotSupportedException(DatabaseBackup.PostgresAdvice);

    /// <summary>Drops the driver's idle pooled connections, which may lead to a server that is gone.</summary>
    public abstract void ClearPool(DbConnection connection);

    /// <summary>What the site connects to, in an operator's words, without the password.</summary>
    public abstract DatabaseTarget Describe(string? connectionString);

    /// <summary>The posts imported from a collection: their source keys start with "collection/".</summary>
    public virtual IQueryable<Post> FromCollection(IQueryable<Post> posts, string collection)
    {
        var prefix = collection + "/";
        return posts.Where(p => p.SourceKey != null && p.SourceKey.StartsWith(prefix));
    }

    /// <summary>The posts most recently given a tag, newest post first (ids grow with time).</summary>
    public virtual Task<List<int>> LatestTaggedAsync(BlogDbContext db, int tagId, int count) =>
        db.PostTags.Where(l => l.TagId == tagId).Select(l => l.PostId).OrderByDescending(id => id).Take(count).ToListAsync();

    /// <summary>Carries the dialect in a context's options; it changes nothing in EF's own services.</summary>
    private sealed class DialectExtension(DatabaseDialect dialect) : IDbContextOptionsExtension
    {
        public DatabaseDialect Dialect => dialect;

        public DbContextOptionsExtensionInfo Info => field ??= new ExtensionInfo(this);

        public void ApplyServices(IServiceCollection services)
        {
        }

        public void Validate(IDbContextOptions options)
        {
        }

        private sealed class ExtensionInfo(DialectExtension extension) : DbContextOptionsExtensionInfo(extension)
        {
            public override bool IsDatabaseProvider => false;

            public override string LogFragment => $"Dialect={extension.Dialect.Provider} ";

            public override int GetServiceProviderHashCode() => 0;

            public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) => other is ExtensionInfo;

            public override void PopulateDebugInfo(IDictionary<string, string> debugInfo)
            {
            }
        }
    }
}
