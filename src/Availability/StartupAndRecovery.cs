using Blog.Data;
using Blog.Posts;

namespace Blog.Availability;

/// <summary>
/// The site's database from start to stop, in this order:
/// <list type="number">
/// <item>before the site listens: create, migrate and seed it (<see cref="DatabaseInitializer"/>);</item>
/// <item>once the site answers: render again, in the background, the posts an older pipeline
/// rendered (<see cref="BackgroundRerender"/>);</item>
/// <item>whenever it cannot be used (not up yet, a wrong address or password, gone away while
/// serving): pages and /healthz answer 503 (<see cref="DatabaseGate"/>) while this tries again,
/// 1 s doubling to 10 s, until it answers; then 1 and 2 again, without a restart.</item>
/// </list>
/// The command line does 1 and 2 before its own work (<see cref="SetUpForCommandAsync"/>).
/// </summary>
public sealed class StartupAndRecovery(
    IServiceProvider services, DatabaseStatus status, BackgroundRerender rerender, IHostApplicationLifetime lifetime,
    IConfiguration configuration, ILogger<StartupAndRecovery> logger) : BackgroundService
{
    public static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan AfterRerenderFailure = TimeSpan.FromSeconds(10);

    /// <summary>The database, in words an operator recognises, for logs and messages.</summary>
    public DatabaseTarget Target { get; } = DatabaseTarget.From(configuration);

    /// <summary>
    /// Step 1. Registered first among the hosted services and awaited: those after it read the
    /// database (data protection's key ring) or answer requests (Kestrel). A database that cannot
    /// be used does not stop the start: the site answers 503 and step 3 takes over.
    /// </summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await TrySetUpAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await SiteAnswersAsync(stoppingToken); // readers first
        while (true)
        {
            if (status.IsReady)
                await RerenderOutdatedPostsAsync(stoppingToken);
            await status.WhenUnavailable(stoppingToken);
            await RecoverAsync(stoppingToken);
        }
    }

    /// <summary>Steps 1 and 2 for a command, one after the other: it works on posts as the current pipeline renders them. Throws when the database cannot be used.</summary>
    public async Task<DatabaseSetupReport> SetUpForCommandAsync(CancellationToken cancellationToken)
    {
        var setup = await DatabaseInitializer.InitializeAsync(services, cancellationToken);
        setup = setup with { Rerendered = await OutdatedPosts.RerenderAsync(services, betweenBatches: null, cancellationToken) };
        status.MarkReady(setup, Target);
        return setup;
    }

    /// <summary>Step 1: false (and why, in the status) when the database cannot be used.</summary>
    private async Task<bool> TrySetUpAsync(CancellationToken cancellationToken)
    {
        try
        {
            status.MarkReady(await DatabaseInitializer.InitializeAsync(services, cancellationToken), Target);
            return true;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogDebug(e, "Database set-up failed");
            status.MarkUnavailable(DatabaseFaults.Explain(e, Target));
            DatabaseProbe.ClearPool(services.GetRequiredService<IServiceScopeFactory>());
            return false;
        }
    }

    /// <summary>Step 2, until it is done, or until the database is found down (it runs again after the recovery).</summary>
    private async Task RerenderOutdatedPostsAsync(CancellationToken stoppingToken)
    {
        while (status.IsReady)
        {
            try
            {
                await rerender.RunAsync(stoppingToken);
                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Re-rendering outdated posts stopped; trying again in {Seconds} s", AfterRerenderFailure.TotalSeconds);
                await Task.WhenAny(Task.Delay(AfterRerenderFailure, stoppingToken), status.WhenUnavailable(stoppingToken));
            }
        }
    }

    /// <summary>Step 3: tries step 1 again, 1 s doubling to 10 s apart, until the database can be used.</summary>
    private async Task RecoverAsync(CancellationToken stoppingToken)
    {
        var delay = FirstRetry;
        do
        {
            await Task.Delay(delay, stoppingToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LongestRetry.Ticks));
        }
        while (!await TrySetUpAsync(stoppingToken));
    }

    private async Task SiteAnswersAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
            await started.Task.WaitAsync(stoppingToken);
    }
}

public static class StartupAndRecoveryServices
{
    /// <summary>Call it before anything that adds hosted services which read the database: see <see cref="StartupAndRecovery.StartAsync"/>.</summary>
    public static IServiceCollection AddStartupAndRecovery(this IServiceCollection services)
    {
        services.AddSingleton<DatabaseStatus>();
        services.AddSingleton<DatabaseProbe>();
        services.AddSingleton<BackgroundRerender>();
        services.AddSingleton<StartupAndRecovery>();
        services.AddHostedService(provider => provider.GetRequiredService<StartupAndRecovery>());
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return services;
    }
}
