using Blog.Hosting;

namespace Blog.Data;

/// <summary>
/// A compiled query, compiled once for each database provider. EF keeps one executor in a compiled
/// query, made for the provider of the first context that runs it: in a process that has both
/// (the tests, which read a SQLite site and a PostgreSQL one side by side), SQLite's SQL went to
/// PostgreSQL.
/// </summary>
internal sealed class CompiledForEachProvider<TQuery>(Func<TQuery> compile) where TQuery : Delegate
{
    private readonly TQuery[] _byProvider = Enum.GetValues<DatabaseProvider>().Select(_ => compile()).ToArray();

    public TQuery For(BlogDbContext db) => _byProvider[(int)db.Dialect.Provider];
}
