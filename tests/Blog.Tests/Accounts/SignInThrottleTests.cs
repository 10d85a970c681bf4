using Blog.Accounts;
using Xunit.Abstractions;

namespace Blog.Tests.Accounts;

/// <summary>
/// How many password guesses the throttle lets through, simulated against a clock: an attacker who
/// tries again the moment each lockout ends. These are the figures to quote.
/// </summary>
public class SignInThrottleTests(ITestOutputHelper output)
{
    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    /// <summary>Guesses in <paramref name="span"/>, each with the next account name from <paramref name="account"/>.</summary>
    private static int Guesses(TimeSpan span, Func<int, string> account, string address = "203.0.113.7")
    {
        var clock = new ManualClock();
        var throttle = new SignInThrottle(clock);
        var end = clock.Now + span;
        var guesses = 0;
        for (var step = 0; step < 100_000 && clock.Now < end; step++)
        {
            if (throttle.LockedUntil(account(guesses), address) is { } until)
                clock.Now = until; // back the moment the lockout ends
            else
            {
                throttle.Failed(account(guesses), address);
                guesses++;
            }
        }
        return guesses;
    }

    [Fact]
    public void OneAccount_GetsElevenGuessesInTheFirstHour_ThenOneAnHour()
    {
        // 5 free, then lockouts of 1, 2, 4, 8, 16 and 32 minutes, then capped at an hour. Counted per
        // account whatever the address: spreading the guesses over many addresses does not help.
        var firstHour = Guesses(TimeSpan.FromHours(1), _ => "admin");
        var day = Guesses(TimeSpan.FromDays(1), _ => "admin");
        output.WriteLine($"one account: {firstHour} guesses in the first hour, {day} in the first day");

        Assert.Equal(11, firstHour);
        Assert.Equal(11 + 2, Guesses(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(4), _ => "admin"));
        Assert.Equal(34, day);
    }

    [Fact]
    public void OneAddress_GetsTwentySixGuessesInTheFirstHour_ThenOneAnHour_HoweverManyAccountsItTries()
    {
        // A new account name each time, so that no account's own limit is reached: the address's is.
        var firstHour = Guesses(TimeSpan.FromHours(1), n => $"user{n}");
        var day = Guesses(TimeSpan.FromDays(1), n => $"user{n}");
        output.WriteLine($"one address: {firstHour} guesses in the first hour, {day} in the first day");

        Assert.Equal(26, firstHour);
        Assert.Equal(49, day);
    }

    [Fact]
    public void AfterADayWithoutFailures_TheCountStartsAgain()
    {
        var clock = new ManualClock();
        var throttle = new SignInThrottle(clock);
        for (var i = 0; i < 6; i++)
            throttle.Failed("admin", "198.51.100.1");
        Assert.NotNull(throttle.LockedUntil("admin", "198.51.100.1"));

        clock.Now += TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1);

        Assert.Null(throttle.LockedUntil("admin", "198.51.100.1"));
        throttle.Failed("admin", "198.51.100.1");
        Assert.Null(throttle.LockedUntil("admin", "198.51.100.1")); // the first of five free attempts again
    }
}
