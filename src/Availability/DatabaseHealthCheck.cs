using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Blog.Availability;

/// <summary>
/// /healthz: 200 "Healthy" when the database is set up and answers, else 503 "Unhealthy": what a
/// load balancer needs. The reason names the database (a file's path; a host, port, database and
/// user), so it is not told to anyone who asks: it goes to the log (<see cref="DatabaseStatus"/>)
/// and to the signed-in author's dashboard.
/// </summary>
internal sealed class DatabaseHealthCheck(DatabaseStatus status, DatabaseProbe probe, StartupAndRecovery recovery) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!status.IsReady)
            return HealthCheckResult.Unhealthy(status.Reason);
        if (await probe.ProbeAsync(cancellationToken) is { } fault)
        {
            // Noticed here first (no page was asked for since it went away): the pages and the
            // recovery loop learn it too.
            status.MarkUnavailable(DatabaseFaults.Explain(fault, recovery.Target));
            return HealthCheckResult.Unhealthy(status.Reason);
        }
        return HealthCheckResult.Healthy();
    }

    public static HealthCheckOptions Options { get; } = new()
    {
        ResponseWriter = async (context, report) =>
        {
            context.Response.ContentType = "text/plain; charset=utf-8";
            if (report.Status != HealthStatus.Healthy)
                context.Response.Headers.RetryAfter = "5";
            await context.Response.WriteAsync(report.Status.ToString(), context.RequestAborted);
        },
    };
}
