using Blog.Data;
using Blog.Posts;
using Microsoft.EntityFrameworkCore;

namespace Blog.Caching;

/// <summary>
/// The time of the next scheduled publication, remembered until content changes so that cached
/// requests ask the database nothing.
/// </summary>
public sealed class NextPublication(IServiceScopeFactory scopes, TimeProvider clock)
{
    private sealed record Known(DateTime? At, DateTime CheckedAt);

    private volatile Known? _known;

    public async ValueTask<DateTime?> GetAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (_known is { } known && (known.At is null || known.At > now))
            return known.At;

        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BlogDbContext>();
        var next = await db.Posts.Scheduled(now)
            .MinAsync(p => p.PublishedAt, cancellationToken);
        _known = new Known(next, now);
        return next;
    }

    public void Forget() => _known = null;
}
