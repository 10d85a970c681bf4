using Blog.Data;
using Microsoft.EntityFrameworkCore;

namespace Blog.Availability;

/// <summary>Asks the database a trivial question, to tell "it is down" from "this query failed".</summary>
public sealed class DatabaseProbe(IServiceScopeFactory scopes)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Null when the database answers, else what went wrong. A failure is tried once more on a
    /// fresh connection: after a server restart the pool still holds connections to the old
    /// server, each of which fails once, and one of those must not pass for an outage.
    /// </summary>
    public async Task<Exception?> ProbeAsync(CancellationToken cancellationToken)
    {
        Exception? fault = null;
        for (var attempt = 0; attempt < 2; attempt++)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Timeout);
            try
            {
                using var scope = scopes.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<BlogDbContext>();
                await db.Database.ExecuteSqlRawAsync("SELECT 1", timeout.Token);
                return null;
            }
            catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                fault = new TimeoutException($"the database did not answer within {Timeout.TotalSeconds:0} s", e);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                fault = e;
            }
            ClearPool(scopes);
        }
        return fault;
    }

    /// <summary>Drops idle pooled connections, which may lead to a server that is gone.</summary>
    public static void ClearPool(IServiceScopeFactory scopes)
    {
        try
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<BlogDbContext>();
            db.Dialect.ClearPool(db.Database.GetDbConnection());
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            // An unreadable connection string has no pool; the set-up attempt reports it.
        }
    }
}
