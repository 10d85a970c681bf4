namespace Blog.Availability;

/// <summary>Holds the hosted services registered after it until the set-up at start has ended.</summary>
internal sealed class FirstSetUpWait(DatabaseStatus status) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => status.FirstSetUp.WaitAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
