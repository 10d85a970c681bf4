using Microsoft.EntityFrameworkCore;

namespace Blog.Data;

/// <summary>Backups for the command and the admin's download alike.</summary>
public static class DatabaseBackup
{
    /// <summary>
    /// VACUUM INTO writes a consistent snapshot from one read transaction, so it is safe while
    /// the site serves and writes (a file copy of a WAL database is not: the newest commits may
    /// still be in the -wal file). The target must not exist yet.
    /// </summary>
    public static async Task WriteAsync(BlogDbContext db, string target, CancellationToken cancellationToken = default) =>
        await db.Database.ExecuteSqlAsync($"VACUUM INTO {target}", cancellationToken);
}
