using System.Collections.Concurrent;
using System.Data.Common;
using Blog.Data;
using Microsoft.EntityFrameworkCore;

namespace Blog.Caching;

/// <summary>
/// A version stamp of the public content, stored in the database and changed by every save
/// that touches it. Saves in this process evict the page cache at once; the stamp lets the
/// site notice, within a second, saves made by another process (the import command run while
/// the site serves).
/// </summary>
public sealed class ContentVersion(IServiceScopeFactory scopes, TimeProvider clock)
{
    public const string Key = "_content_version";
    private static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _checking = new(1, 1);
    private readonly ConcurrentDictionary<string, byte> _committing = new(StringComparer.Ordinal);
    private string? _known;
    private DateTime _checkedAt = DateTime.MinValue;

    /// <summary>
    /// Writes a new version in the caller's transaction and returns it: the one place the row is
    /// written (by every save of content, <see cref="ContentChange"/>, and by a rebuilt search index).
    /// </summary>
    public static async Task<string> StampAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var version = Guid.NewGuid().ToString("N");
        await using var stamp = connection.CreateCommand();
        stamp.Transaction = transaction;
        // Quoted identifiers and an upsert both providers read alike.
        stamp.CommandText = """INSERT INTO "Settings"("Key", "Value") VALUES (@key, @value) ON CONFLICT ("Key") DO UPDATE SET "Value" = excluded."Value" """;
        foreach (var (name, value) in new[] { ("@key", Key), ("@value", version) })
        {
            var parameter = stamp.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            stamp.Parameters.Add(parameter);
        }
        await stamp.ExecuteNonQueryAsync(cancellationToken);
        return version;
    }

    /// <summary>
    /// A version this process has stamped and is about to commit: a look at the version between the
    /// commit and <see cref="Wrote"/> finds it, and must not take it for someone else's.
    /// </summary>
    public void Committing(string version) => _committing.TryAdd(version, 0);

    /// <summary>Records a version this process wrote itself (committed), so it is not mistaken for someone else's.</summary>
    public void Wrote(string version)
    {
        _known = version;
        _checkedAt = clock.GetUtcNow().UtcDateTime;
        _committing.TryRemove(version, out _);
    }

    /// <summary>Whether the next <see cref="ChangedElsewhereAsync"/> would look at the database.</summary>
    public bool LookDue => clock.GetUtcNow().UtcDateTime - _checkedAt >= CheckEvery;

    /// <summary>True when another process changed the content since the last look (at most one look a second).</summary>
    public async ValueTask<bool> ChangedElsewhereAsync(CancellationToken cancellationToken)
    {
        if (!LookDue || !await _checking.WaitAsync(0, cancellationToken))
            return false;
        var now = clock.GetUtcNow().UtcDateTime;
        try
        {
            var known = _known;
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<BlogDbContext>();
            var version = await db.Settings.AsNoTracking().Where(s => s.Key == Key).Select(s => s.Value).FirstOrDefaultAsync(cancellationToken);
            // A save of this process may have committed and not yet recorded its version (Committing),
            // or recorded it while the question was out (Wrote): the answer is then its version or an
            // older one, neither another process's change, and an older one must not replace the
            // newer this process knows.
            if (version is not null && _committing.ContainsKey(version) || Interlocked.CompareExchange(ref _known, version ?? "", known) != known)
                return false;
            _checkedAt = now;
            return known is not null && version != known;
        }
        finally
        {
            _checking.Release();
        }
    }
}
