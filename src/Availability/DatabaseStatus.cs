using Blog.Data;

namespace Blog.Availability;

/// <summary>
/// Whether the database is set up and answering, and if not, why, in one line. Pages and
/// /healthz read it on every request; the recovery loop waits on it. It also logs each change,
/// once, so a database that is down for an hour makes one error line, not thousands.
/// </summary>
public sealed class DatabaseStatus(ILogger<DatabaseStatus> logger, TimeProvider clock)
{
    private sealed record State(bool Ready, string Reason);

    /// <summary>When the database could not be used, and why; Until is null while it still cannot.</summary>
    public sealed record Outage(string Reason, DateTimeOffset Since, DateTimeOffset? Until);

    private volatile State _state = new(false, "the site is starting and setting up its database");
    private bool _reportedDown;
    private TaskCompletionSource _unavailable = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _lock = new();

    public bool IsReady => _state.Ready;

    /// <summary>Why the database cannot be used (meaningless while ready).</summary>
    public string Reason => _state.Reason;

    /// <summary>What the last successful set-up did (the migrate command prints it).</summary>
    public DatabaseSetupReport? LastSetup { get; private set; }

    /// <summary>
    /// The latest time the database could not be used since this process started: the signed-in
    /// author's dashboard shows it. /healthz answers the public with the status alone, since the
    /// reason names the database's host, file or user.
    /// </summary>
    public Outage? LastOutage { get; private set; }

    public void MarkReady(DatabaseSetupReport setup, DatabaseTarget target)
    {
        lock (_lock)
        {
            var wasDown = _reportedDown;
            _reportedDown = false;
            LastSetup = setup;
            if (LastOutage is { Until: null } open)
                LastOutage = open with { Until = clock.GetUtcNow() };
            _state = new State(true, "");
            if (_unavailable.Task.IsCompleted)
                _unavailable = new(TaskCreationOptions.RunContinuationsAsynchronously);
            if (wasDown)
                logger.LogInformation("The database answers again: {Target}. The site serves normally.", target);
        }
    }

    /// <summary>Records that the database cannot be used; logs when that is news (or the reason changed).</summary>
    public void MarkUnavailable(string reason)
    {
        lock (_lock)
        {
            var news = _state.Ready || _state.Reason != reason;
            if (news)
                LastOutage = LastOutage is { Until: null } open ? open with { Reason = reason } : new Outage(reason, clock.GetUtcNow(), null);
            _reportedDown = true;
            _state = new State(false, reason);
            _unavailable.TrySetResult();
            if (news)
            {
                logger.LogError(
                    "The database cannot be used: {Reason}. The site keeps running: pages and /healthz answer 503, and it tries again every {Min} to {Max} s until the database answers.",
                    reason, StartupAndRecovery.FirstRetry.TotalSeconds, StartupAndRecovery.LongestRetry.TotalSeconds);
            }
        }
    }

    /// <summary>Completes when the database is (or becomes) unavailable.</summary>
    public Task WhenUnavailable(CancellationToken cancellationToken)
    {
        lock (_lock)
            return _state.Ready ? _unavailable.Task.WaitAsync(cancellationToken) : Task.CompletedTask;
    }
}
