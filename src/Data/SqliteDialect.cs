using System.Data.Common;
using Blog.Availability;
using Blog.Hosting;
using Blog.Search;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace Blog.Data;

/// <summary>SQLite's side of <see cref="DatabaseDialect"/>: one file, WAL, FTS5.</summary>
internal sealed class SqliteDialect : DatabaseDialect
{
    public static readonly SqliteDialect Instance = new();

    // Stateless or thread-safe: one instance serves every context.
    private static readonly SqlitePragmas Pragmas = new();

    /// <summary>SQLite's extended result codes for a broken UNIQUE constraint and a broken primary key.</summary>
    private const int UniqueConstraint = 2067, PrimaryKeyConstraint = 1555;

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public override string DefaultConnectionString => DatabaseSetup.DefaultConnectionString;

    public override string MigrationsNamespace => ProviderMigrationsAssembly.SqliteNamespace;

    public override ISearchIndex Search => SqliteSearchIndex.Instance;

    protected override void UseDriver(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString, o => o.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter)).AddInterceptors(Pragmas);

    public override bool IsUniqueViolation(DbUpdateException exception) =>
        exception.InnerException is SqliteException { SqliteExtendedErrorCode: UniqueConstraint or PrimaryKeyConstraint };

    /// <summary>SQLite creates the file but not its folder, and a fresh checkout has no data/ yet.</summary>
    public override void PrepareStorage(string? connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrEmpty(dataSource) || dataSource == ":memory:")
            return;
        var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(folder))
            Directory.CreateDirectory(folder);
    }

    public override Task<IAsyncDisposable> LockSetUpAsync(BlogDbContext db, CancellationToken cancellationToken) =>
        InitializationLock.AcquireSqliteAsync(db, cancellationToken);

    public override string HistoryTableCountSql =>
        "SELECT count(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsHistory'";

    /// <summary>WAL is a property of the file: readers no longer wait for the writer.</summary>
    public override async Task AfterMigrateAsync(BlogDbContext db, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", cancellationToken);

    public override bool CanBackUp => true;

    /// <summary>
    /// VACUUM INTO writes a consistent snapshot from one read transaction, so it is safe while
    /// the site serves and writes (a file copy of a WAL database is not: the newest commits may
    /// still be in the -wal file). The target must not exist yet.
    /// </summary>
    public override async Task BackUpAsync(BlogDbContext db, string target, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlAsync($"VACUUM INTO {target}", cancellationToken);

    public override void ClearPool(DbConnection connection) => SqliteConnection.ClearPool((SqliteConnection)connection);

    public override DatabaseTarget Describe(string? connectionString)
    {
        try
        {
            var dataSource = new SqliteConnectionStringBuilder(connectionString ?? DefaultConnectionString).DataSource;
            return string.IsNullOrEmpty(dataSource) || dataSource.Contains(":memory:", StringComparison.Ordinal)
                ? new DatabaseTarget("SQLite in memory", null)
                : new DatabaseTarget($"SQLite file {Path.GetFullPath(dataSource)}", null);
        }
        catch (ArgumentException)
        {
            return new DatabaseTarget("SQLite (unreadable connection string)", DatabaseTarget.PasswordIn(connectionString));
        }
    }

    /// <summary>
    /// As a range of the source key's index. SQLite cannot seek an index for LIKE 'prefix%': it read
    /// every post, through the text and HTML stored before the key, to test it (half a minute at
    /// 100,000 notes, at the start and the end of every import). In SQLite's byte order the keys
    /// under "c/" are exactly those from "c/" up to "c0" ('0' follows '/').
    /// </summary>
    public override IQueryable<Post> FromCollection(IQueryable<Post> posts, string collection)
    {
        var (from, to) = (collection + "/", collection + "0");
        return posts.Where(p => p.SourceKey!.CompareTo(from) >= 0 && p.SourceKey.CompareTo(to) < 0);
    }

    /// <summary>
    /// In the order the links were made: the index on TagsId holds (TagsId, rowid), so this reads
    /// <paramref name="count"/> entries of it, where ordering by post would read every link of a
    /// common tag (10,000 at 100,000 notes) and its rows.
    /// </summary>
    public override Task<List<int>> LatestTaggedAsync(BlogDbContext db, int tagId, int count) =>
        db.Database.SqlQuery<int>($"""SELECT "PostsId" AS "Value" FROM "PostTags" WHERE "TagsId" = {tagId} ORDER BY rowid DESC LIMIT {count}""").ToListAsync();
}
