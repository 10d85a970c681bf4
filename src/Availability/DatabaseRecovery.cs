using Blog.Data;

namespace Blog.Availability;

/// <summary>
/// Sets the database up at start and, whenever it cannot be used (not up yet, wrong address or
/// password, gone away while serving), tries again in the background, 1 s doubling to 10 s,
/// until it answers: then it migrates and seeds as a first start would, and the
/// site serves again without a restart.
/// </summary>
public sealed class DatabaseRecovery(IServiceProvider services, DatabaseStatus status, IConfiguration configuration) : BackgroundService
{
    public static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(10);

    public DatabaseTarget Target { get; } = DatabaseTarget.From(configuration);

    /// <summary>The first set-up, before the site listens. Returns false (and logs why) when the database cannot be used.</summary>
    public async Task<bool> SetUpAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            status.MarkReady(await DatabaseInitializer.InitializeAsync(services, cancellationToken), Target);
            return true;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            services.GetRequiredService<ILogger<DatabaseRecovery>>().LogDebug(e, "Database set-up failed");
            status.MarkUnavailable(DatabaseFaults.Explain(e, Target));
            DatabaseProbe.ClearPool(services.GetRequiredService<IServiceScopeFactory>());
            return false;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await status.WhenUnavailable(stoppingToken);
            var delay = FirstRetry;
            do
            {
                await Task.Delay(delay, stoppingToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LongestRetry.Ticks));
            }
            while (!await SetUpAsync(stoppingToken));
        }
    }
}
