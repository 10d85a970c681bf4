using System.Net;
using Blog.Accounts;
using Blog.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Blog.Tests.Accounts;

/// <summary>
/// Someone who knows the author's user name guesses passwords through the sign-in form, from one
/// address or from many (behind the site's proxy, which forwards each client's address). The
/// guessing is slowed; the author, from an address that has not been failing, still signs in.
/// </summary>
public sealed class SignInAttackTests : IDisposable
{
    /// <summary>The real clock, moved forward by the test.</summary>
    private sealed class MovableClock : TimeProvider
    {
        public TimeSpan Ahead { get; set; }
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Ahead;
    }

    private sealed class AttackedSite : ProxiedBlogApp
    {
        public MovableClock Clock { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
        }
    }

    private const string Author = "author";
    private readonly AttackedSite _app = new();

    public void Dispose() => _app.Dispose();

    /// <summary>Signs in from a client address; "signed in", "refused" (throttled) or "wrong".</summary>
    private async Task<string> SignInAsync(string address, string password, string user = Author)
    {
        var client = _app.CreateFormClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        var response = await client.SubmitFormAsync("/admin/login", "form",
            new Dictionary<string, string> { ["Input.UserName"] = user, ["Input.Password"] = password });
        if (response.StatusCode == HttpStatusCode.Redirect)
            return "signed in";
        var error = (await response.ReadDocumentAsync()).QuerySelector(".form-errors")?.TextContent ?? "";
        return error.Contains("登录失败次数过多") ? "refused"
            : error.Contains("用户名或密码不正确") ? "wrong"
            : throw new Xunit.Sdk.XunitException($"sign-in answered {(int)response.StatusCode} '{error}'");
    }

    [Fact]
    public async Task GuessesFromOneAddress_AreRefusedAfterAFew_WhileTheAuthorSignsInFromHome()
    {
        await _app.CreateUserAsync(Author);
        for (var i = 0; i < SignInThrottle.FreeAttemptsPerPair; i++)
            Assert.Equal("wrong", await SignInAsync("203.0.113.7", $"guess {i}"));

        // Even the right password is refused from there now: the attacker cannot tell it was right.
        Assert.Equal("refused", await SignInAsync("203.0.113.7", Forms.Password));
        Assert.Equal("signed in", await SignInAsync("198.51.100.20", Forms.Password));

        // The wait ends; the next wrong guess doubles it.
        _app.Clock.Ahead += SignInThrottle.FirstLockout + TimeSpan.FromSeconds(1);
        Assert.Equal("wrong", await SignInAsync("203.0.113.7", "guess 6"));
        _app.Clock.Ahead += SignInThrottle.FirstLockout + TimeSpan.FromSeconds(1);
        Assert.Equal("refused", await SignInAsync("203.0.113.7", "guess 7"));
    }

    [Fact]
    public async Task GuessesSpreadOverManyAddresses_AreRefusedToo_WhileTheAuthorSignsInFromAnAddressThatHasNotBeenFailing()
    {
        await _app.CreateUserAsync(Author);
        var attackers = Enumerable.Range(1, 8).Select(n => $"203.0.113.{n}").ToList();
        var refused = 0;
        foreach (var round in Enumerable.Range(0, 5))
        {
            foreach (var address in attackers)
            {
                if (await SignInAsync(address, $"guess {round} from {address}") == "refused")
                    refused++;
            }
        }

        // 40 attempts: each address makes the few it may before it counts as failing (the account's
        // free failures are long spent by then); the rest are refused, the right password included.
        Assert.Equal(40 - SignInThrottle.FailingAfter * attackers.Count, refused);
        Assert.Equal("refused", await SignInAsync(attackers[0], Forms.Password));
        Assert.Equal("signed in", await SignInAsync("198.51.100.20", Forms.Password));

        // Still refused from the attackers' addresses an hour later while the attack keeps failing.
        _app.Clock.Ahead += TimeSpan.FromHours(1);
        Assert.Equal("wrong", await SignInAsync("203.0.113.200", "a fresh address's guess"));
        Assert.Equal("refused", await SignInAsync(attackers[1], Forms.Password));
        Assert.Equal("signed in", await SignInAsync("2001:db8:5::20", Forms.Password));
    }
}
