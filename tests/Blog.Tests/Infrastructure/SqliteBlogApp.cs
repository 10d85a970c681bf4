using Blog.Hosting;

namespace Blog.Tests.Infrastructure;

/// <summary>A site on its own SQLite file even when the suite runs on PostgreSQL: the site that copy-to-postgres reads.</summary>
public class SqliteBlogApp : BlogAppFactory
{
    public override string ConnectionString => $"Data Source={DatabasePath}";

    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}
