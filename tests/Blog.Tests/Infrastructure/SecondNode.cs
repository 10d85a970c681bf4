using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Blog.Tests.Infrastructure;

/// <summary>
/// Another node of the same site: a second app on the first one's database and media folder,
/// started from a folder of its own (its content root), as a second machine behind a load
/// balancer would be. It keeps its own memory: output cache, settings, key ring. When the first
/// runs on a clock the test moves (<see cref="FakeClockBlogApp"/>), so does the second: one site, one time.
/// </summary>
public sealed class SecondNode(BlogAppFactory first) : BlogAppFactory
{
    public override string ConnectionString => first.ConnectionString;

    public override string MediaFolder => first.MediaFolder;

    protected override bool OwnsDatabase => false;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // Data protection's default application name is the content root: a node in another
        // folder must still read the first node's cookies and tokens.
        var folder = Path.Combine(DataFolder, "node");
        Directory.CreateDirectory(folder);
        var firstRoot = first.Services.GetRequiredService<IWebHostEnvironment>().ContentRootPath;
        File.Copy(Path.Combine(firstRoot, "appsettings.json"), Path.Combine(folder, "appsettings.json"), overwrite: true);
        builder.UseContentRoot(folder);
        if (first is FakeClockBlogApp timed)
            builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(timed.Clock)));
    }
}

/// <summary>Two nodes of one site on one clock the test moves, for a test class (IClassFixture); the second is stopped first.</summary>
public sealed class TwoNodes : IDisposable
{
    public FakeClockBlogApp First { get; } = new();

    public SecondNode Second { get; }

    public TwoNodes() => Second = new SecondNode(First);

    public void Dispose()
    {
        Second.Dispose();
        First.Dispose();
    }
}
