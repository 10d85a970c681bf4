
namespace Blog.Data;

/// <summary>Backups for the command and the admin's download alike.</summary>
public static class DatabaseBackup
{
    /// <summary>A consistent copy, safe while the site serves and writes; the target must not exist yet.</summary>
    public static Task WriteAsync(BlogDbContext db, string target, CancellationToken cancellationToken = default) =>
        db.Dialect.BackUpAsync(db, target, cancellationToken);

    /// <summary>
    /// A PostgreSQL server has its own consistent, restorable backup tool; a copy made by the
    /// app would be a worse pg_dump, so the app points at it instead.
    /// </summary>
    public const string PostgresAdvice =
        "This site runs on PostgreSQL: back it up with pg_dump (for example pg_dump --format=custom --file=blog.dump \"$ConnectionStrings__Blog\" or pg_dump -Fc -d blog -f blog.dump), which writes a consistent snapshot while the site serves; restore with pg_restore. Back up the media folder as well.";

    public static bool IsSupported(BlogDbContext db) => db.Dialect.CanBackUp;
}
