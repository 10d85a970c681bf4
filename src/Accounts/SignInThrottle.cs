using System.Collections.Concurrent;

namespace Blog.Accounts;

/// <summary>
/// Slows password guessing, per account and per client address. After a few failures, further
/// attempts are refused for a lockout that doubles with every new failure (capped), so an
/// attacker gets a few guesses per hour instead of thousands. Kept in memory: a restart forgives,
/// which costs an attacker a restart they cannot cause.
/// </summary>
public sealed class SignInThrottle(TimeProvider clock)
{
    public const int FreeAttemptsPerAccount = 5;
    public const int FreeAttemptsPerAddress = 20;
    private static readonly TimeSpan FirstLockout = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan MaxLockout = TimeSpan.FromHours(1);
    private static readonly TimeSpan ForgetAfter = TimeSpan.FromHours(24);

    private sealed record Failures(int Count, DateTimeOffset LastAt, DateTimeOffset LockedUntil);

    private readonly ConcurrentDictionary<string, Failures> _failures = new();

    /// <summary>When the account or the address may try again; null when it may try now.</summary>
    public DateTimeOffset? LockedUntil(string userName, string address)
    {
        var now = clock.GetUtcNow();
        var until = new[] { Get(AccountKey(userName)), Get(AddressKey(address)) }
            .Where(f => f is not null && f.LockedUntil > now)
            .Select(f => f!.LockedUntil)
            .DefaultIfEmpty()
            .Max();
        return until == default ? null : until;
    }

    public void Failed(string userName, string address)
    {
        Record(AccountKey(userName), FreeAttemptsPerAccount);
        Record(AddressKey(address), FreeAttemptsPerAddress);
    }

    /// <summary>A successful sign-in forgives the account, not the address.</summary>
    public void Succeeded(string userName) => _failures.TryRemove(AccountKey(userName), out _);

    private Failures? Get(string key)
    {
        if (!_failures.TryGetValue(key, out var failures))
            return null;
        if (clock.GetUtcNow() - failures.LastAt <= ForgetAfter)
            return failures;
        _failures.TryRemove(key, out _);
        return null;
    }

    private void Record(string key, int freeAttempts)
    {
        var now = clock.GetUtcNow();
        _failures.AddOrUpdate(key,
            _ => new Failures(1, now, DateTimeOffset.MinValue),
            (_, old) =>
            {
                var count = (clock.GetUtcNow() - old.LastAt > ForgetAfter ? 0 : old.Count) + 1;
                var over = count - freeAttempts;
                var lockout = over <= 0
                    ? TimeSpan.Zero
                    : TimeSpan.FromTicks(Math.Min(MaxLockout.Ticks, FirstLockout.Ticks << Math.Min(over - 1, 20)));
                return new Failures(count, now, now + lockout);
            });
    }

    private static string AccountKey(string userName) => "u:" + userName.Trim().ToLowerInvariant();

    private static string AddressKey(string address) => "a:" + address;
}
