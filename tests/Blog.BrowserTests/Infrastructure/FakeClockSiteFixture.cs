using Microsoft.Extensions.Time.Testing;

namespace Blog.BrowserTests.Infrastructure;

/// <summary>
/// A test class's site on a clock the test moves: the site's time stands at the fixture's start
/// until the test advances it, so a scheduled post's time comes without waiting for it.
/// </summary>
public sealed class FakeClockSiteFixture : SiteFixture
{
    public FakeClockSiteFixture() : this(new FakeTimeProvider(DateTimeOffset.UtcNow)) { }

    private FakeClockSiteFixture(FakeTimeProvider clock) : base(new BlogServer(clock)) => Clock = clock;

    public FakeTimeProvider Clock { get; }
}
