namespace Blog.Tests.Infrastructure;

/// <summary>
/// A test that needs a PostgreSQL server: reported as skipped, with the reason, when
/// BLOG_TEST_POSTGRES is not set (tests/test.sh sets it for its second run of this suite).
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (!TestDatabase.IsPostgres)
            Skip = "needs PostgreSQL: set BLOG_TEST_POSTGRES to a server's connection string without Database, as tests/test.sh does";
    }
}
