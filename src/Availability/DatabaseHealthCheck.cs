using System.Text;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Blog.Availability;

/// <summary>
/// /healthz: 200 "Healthy" when the database is set up and answers, else 503 with the reason in
/// plain text ("Unhealthy: PostgreSQL at db:5432/blog: ... Connection refused"), which is what a
/// load balancer needs and what an operator reads first.
/// </summary>
internal sealed class DatabaseHealthCheck(DatabaseStatus status, DatabaseProbe probe, DatabaseRecovery recovery) : IHealthCheck
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
            var text = new StringBuilder(report.Status.ToString());
            foreach (var entry in report.Entries.Values.Where(e => e.Status != HealthStatus.Healthy && e.Description is not null))
                text.Append(": ").Append(entry.Description);
            if (report.Status != HealthStatus.Healthy)
                context.Response.Headers.RetryAfter = "5";
            await context.Response.WriteAsync(text.ToString(), context.RequestAborted);
        },
    };
}
