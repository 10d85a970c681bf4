using Blog.Accounts;
using Xunit.Abstractions;

namespace Blog.Tests.Accounts;

/// <summary>
/// How many password guesses the throttle lets through, simulated against a clock: an attacker who
/// tries again the moment a lockout ends, from one address or from many. These are the figures to
/// quote; Ghost allows one address 5 guesses, then waits of 10 minutes doubling, about a dozen a day.
/// </summary>
public class SignInThrottleTests(ITestOutputHelper output)
{
    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    /// <summary>
    /// Wrong guesses in <paramref name="span"/>: guess n tries account(n), from the first of the
    /// attacker's addresses (taken in turn) that is not refused; when all are, the clock moves on
    /// to the first moment one may try again.
    /// </summary>
    private static int Guesses(TimeSpan span, Func<int, string> account, int addresses = 1)
    {
        var clock = new ManualClock();
        var throttle = new SignInThrottle(clock);
        var end = clock.Now + span;
        var guesses = 0;
        var next = 0;
        while (clock.Now < end && guesses < 100_000)
        {
            DateTimeOffset? earliest = null;
            var guessed = false;
            for (var tried = 0; tried < addresses && !guessed; tried++, next++)
            {
                var address = $"203.0.{next % addresses / 256}.{next % addresses % 256}";
                if (throttle.LockedUntil(account(guesses), address) is { } until)
                    earliest = earliest is null || until < earliest ? until : earliest;
                else
                {
                    throttle.Failed(account(guesses), address);
                    guesses++;
                    guessed = true;
                }
            }
            if (!guessed)
                clock.Now = earliest!.Value; // back the moment the first lockout ends
        }
        return guesses;
    }

    [Fact]
    public void OneAddressOnOneAccount_GetsSevenGuessesInTheFirstHour_AndTwelveADay()
    {
        // 5 free, then lockouts of 10, 20, 40, 80, 160 and 320 minutes, then 8 hours.
        var firstHour = Guesses(TimeSpan.FromHours(1), _ => "admin");
        var day = Guesses(TimeSpan.FromDays(1), _ => "admin");
        output.WriteLine($"one address, one account: {firstHour} guesses in the first hour, {day} in the first day");

        Assert.Equal(7, firstHour);
        Assert.Equal(12, day);
    }

    [Fact]
    public void OneAddress_GetsTwentyTwoGuessesInTheFirstHour_HoweverManyAccountsItTries()
    {
        // A new account name each time, so that no account's own limit is reached: the address's is.
        var firstHour = Guesses(TimeSpan.FromHours(1), n => $"user{n}");
        var day = Guesses(TimeSpan.FromDays(1), n => $"user{n}");
        output.WriteLine($"one address, any accounts: {firstHour} guesses in the first hour, {day} in the first day");

        Assert.Equal(22, firstHour);
        Assert.Equal(27, day);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(100)]
    [InlineData(1000)]
    public void GuessesSpreadOverManyAddresses_AreHeldToAFewPerAddressADay(int addresses)
    {
        var day = Guesses(TimeSpan.FromDays(1), _ => "admin", addresses);
        var week = Guesses(TimeSpan.FromDays(7), _ => "admin", addresses);
        output.WriteLine($"{addresses} addresses, one account: {day} guesses in the first day ({(double)day / addresses:0.0} an address), {week} in a week");

        // Once the account has had its free failures, each address gets the few it may make
        // before it counts as failing, and then waits as long as the attack goes on.
        Assert.InRange(day, 1, SignInThrottle.FreeAttemptsPerAccount + SignInThrottle.FailingAfter * addresses);
        // A day after its last failure an address is forgotten, and may make its few again.
        Assert.InRange(week, day, SignInThrottle.FreeAttemptsPerAccount + 7 * SignInThrottle.FailingAfter * addresses);
    }

    [Fact]
    public void DuringAnAttackFromAThousandAddresses_AnAddressThatHasNotBeenFailing_MayStillTry()
    {
        var clock = new ManualClock();
        var throttle = new SignInThrottle(clock);
        for (var i = 0; i < 1000; i++)
        {
            for (var guess = 0; guess < 5; guess++)
                throttle.Failed("admin", $"203.0.{i / 256}.{i % 256}");
        }
        Assert.NotNull(throttle.LockedUntil("admin", "203.0.0.1"));

        Assert.Null(throttle.LockedUntil("admin", "198.51.100.20")); // the author at home
        throttle.Failed("admin", "198.51.100.20"); // a typo, and another: still not failing
        throttle.Failed("admin", "198.51.100.20");
        Assert.Null(throttle.LockedUntil("admin", "198.51.100.20"));
        Assert.Null(throttle.LockedUntil("ADMIN ", "198.51.100.21")); // the name as typed, another address
    }

    [Fact]
    public void AfterADayWithoutFailures_TheCountStartsAgain()
    {
        var clock = new ManualClock();
        var throttle = new SignInThrottle(clock);
        for (var i = 0; i < 6; i++)
            throttle.Failed("admin", "198.51.100.1");
        Assert.NotNull(throttle.LockedUntil("admin", "198.51.100.1"));

        clock.Now += SignInThrottle.ForgetAfter + TimeSpan.FromSeconds(1);

        Assert.Null(throttle.LockedUntil("admin", "198.51.100.1"));
        throttle.Failed("admin", "198.51.100.1");
        Assert.Null(throttle.LockedUntil("admin", "198.51.100.1")); // the first of five tries again
    }

    [Theory]
    [InlineData("2001:db8:1:2:aaaa::1", "2001:db8:1:2:bbbb::2", true)]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:3::1", false)]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7", true)]
    [InlineData("203.0.113.7", "203.0.113.8", false)]
    public void AnIpv6Client_IsCountedByIts64(string one, string other, bool same)
    {
        var a = SignInThrottle.AddressOf(System.Net.IPAddress.Parse(one));
        var b = SignInThrottle.AddressOf(System.Net.IPAddress.Parse(other));

        Assert.Equal(same, a == b);
    }
}
