using System.Collections.Concurrent;
using System.Net;

namespace Blog.Accounts;

/// <summary>
/// Slows password guessing without letting anyone lock the author out. Failures are counted per
/// account and client address together, per address (whatever account it tries), and per account
/// (whatever address tries it). The first two refuse an address after a few failures, for a
/// lockout that grows from 10 minutes to 8 hours, at or below the rate Ghost allows. The account's
/// own count holds guessing spread over many addresses, but refuses only addresses that have been
/// failing: from an address that has not, the right password always signs in, so an attack on the
/// account, however wide, does not keep its author out. The price: each fresh address gets a few
/// guesses a day.
/// <para>
/// Kept in memory, per process. A restart forgives, which costs an attacker a restart they cannot
/// cause; several nodes behind a balancer each keep their own counts, which multiplies an
/// attacker's budget by the number of nodes (two or three), where a table in the shared database
/// would add a write to every failed sign-in, a migration, and a sign-in that fails when the
/// database does.
/// </para>
/// </summary>
public sealed class SignInThrottle(TimeProvider clock)
{
    /// <summary>Failures of one address on one account, after which it must wait (Ghost: five tries, then ten minutes).</summary>
    public const int FreeAttemptsPerPair = 5;

    /// <summary>Failures of one address, on any accounts, after which it must wait.</summary>
    public const int FreeAttemptsPerAddress = 20;

    /// <summary>Failures on one account, from all addresses together, after which failing addresses must wait.</summary>
    public const int FreeAttemptsPerAccount = 10;

    /// <summary>An address with this many failures (on any account) in the last day has been failing.</summary>
    public const int FailingAfter = 3;

    public static readonly TimeSpan FirstLockout = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan MaxLockout = TimeSpan.FromHours(8);
    public static readonly TimeSpan ForgetAfter = TimeSpan.FromHours(24);

    /// <summary>Past this many remembered keys, forgotten ones are swept out: made-up names and addresses cannot grow memory without end.</summary>
    private const int SweepAbove = 10_000;

    private sealed record Failures(int Count, DateTimeOffset LastAt, DateTimeOffset LockedUntil);

    private readonly ConcurrentDictionary<string, Failures> _failures = new();

    /// <summary>When this address may try this account again; null when it may try now.</summary>
    public DateTimeOffset? LockedUntil(string userName, string address)
    {
        var now = clock.GetUtcNow();
        var fromAddress = Get(AddressKey(address));
        var locks = new List<Failures?> { Get(PairKey(userName, address)), fromAddress };
        if ((fromAddress?.Count ?? 0) >= FailingAfter)
            locks.Add(Get(AccountKey(userName)));
        var until = locks.Where(f => f is not null && f.LockedUntil > now).Select(f => f!.LockedUntil).DefaultIfEmpty().Max();
        return until == default ? null : until;
    }

    public void Failed(string userName, string address)
    {
        Record(PairKey(userName, address), FreeAttemptsPerPair);
        Record(AddressKey(address), FreeAttemptsPerAddress);
        Record(AccountKey(userName), FreeAttemptsPerAccount);
    }

    /// <summary>
    /// A successful sign-in forgives its own address on the account: not the address's failures
    /// elsewhere, nor the account's count, which an attack elsewhere may still be growing.
    /// </summary>
    public void Succeeded(string userName, string address) => _failures.TryRemove(PairKey(userName, address), out _);

    /// <summary>
    /// The address a client is counted under: an IPv6 client by its /64, which one subscriber or
    /// one server usually holds whole (counting single IPv6 addresses would give an attacker
    /// billions of fresh ones).
    /// </summary>
    public static string AddressOf(IPAddress? address)
    {
        if (address is null)
            return "unknown";
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
            return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

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
        if (_failures.Count > SweepAbove)
            Sweep(now);
        _failures.AddOrUpdate(key,
            _ => Next(0, now, freeAttempts),
            (_, old) => Next(now - old.LastAt > ForgetAfter ? 0 : old.Count, now, freeAttempts));
    }

    private static Failures Next(int countBefore, DateTimeOffset now, int freeAttempts)
    {
        var count = countBefore + 1;
        var over = count - freeAttempts + 1; // the wait starts with the last free failure
        var lockout = over <= 0
            ? TimeSpan.Zero
            : TimeSpan.FromTicks(Math.Min(MaxLockout.Ticks, FirstLockout.Ticks << Math.Min(over - 1, 20)));
        return new Failures(count, now, now + lockout);
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (key, failures) in _failures)
        {
            if (now - failures.LastAt > ForgetAfter)
                _failures.TryRemove(key, out _);
        }
    }

    private static string AccountKey(string userName) => "u:" + NameKey(userName);

    private static string AddressKey(string address) => "a:" + address;

    private static string PairKey(string userName, string address) => "p:" + address + " " + NameKey(userName);

    private static string NameKey(string userName) => userName.Trim().ToLowerInvariant();
}
