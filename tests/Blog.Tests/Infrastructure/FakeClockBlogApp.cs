using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Blog.Tests.Infrastructure;

/// <summary>
/// The real app on a clock the test moves: the site's time stands at the moment the factory was
/// made until the test advances it, so what happens "when its time comes" is tested without
/// sleeping. Timers made through the clock fire as it passes them.
/// </summary>
public class FakeClockBlogApp : BlogAppFactory
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>The site's now, in UTC.</summary>
    public DateTime UtcNow => Clock.GetUtcNow().UtcDateTime;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
    }
}
