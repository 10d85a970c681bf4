using System.Data.Common;
using Blog.Caching;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Blog.Tests.Infrastructure;

/// <summary>The app with a counter of the SQL commands its pages run.</summary>
public sealed class CountingBlogAppFactory : BlogAppFactory
{
    public CountingBlogAppFactory() => Interceptors.Add(Counter);

    public SqlCommandCounter Counter { get; } = new();
}

public sealed class SqlCommandCounter : DbCommandInterceptor
{
    private int _count;
    public int Count => _count;
    public void Reset() => Interlocked.Exchange(ref _count, 0);

    // The once-a-second look for changes made by other processes belongs to no page: on a
    // loaded machine every request can be a second apart and would carry one.
    private void CountUnlessVersionCheck(DbCommand command)
    {
        if (!command.CommandText.Contains(ContentVersion.Key, StringComparison.Ordinal))
            Interlocked.Increment(ref _count);
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        CountUnlessVersionCheck(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        CountUnlessVersionCheck(command);
        return ValueTask.FromResult(result);
    }
}
