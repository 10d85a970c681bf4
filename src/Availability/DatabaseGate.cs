namespace Blog.Availability;

/// <summary>
/// In front of everything that reads the database: while it cannot be used, a friendly 503
/// (<see cref="UnavailablePage"/>); and when a request fails because the database went away
/// under it, the same 503 instead of a 500, and the recovery loop is told. Static files go
/// through it too: the content-version check in front of the output cache reads the database
/// on any request, and the 503 page needs no stylesheet.
/// </summary>
internal static class DatabaseGate
{
    public static IApplicationBuilder UseDatabaseGate(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var status = context.RequestServices.GetRequiredService<DatabaseStatus>();
            if (!status.IsReady)
            {
                await UnavailablePage.WriteAsync(context, StartupAndRecovery.LongestRetry);
                return;
            }
            try
            {
                await next(context);
            }
            catch (Exception e) when (DatabaseFaults.CameFromDatabase(e) && !context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
            {
                // A connection that broke under this request may have idle siblings from the same
                // server life in the pool; drop them so the next requests open fresh ones.
                if (DatabaseFaults.IsBrokenConnection(e))
                    DatabaseProbe.ClearPool(context.RequestServices.GetRequiredService<IServiceScopeFactory>());
                var fault = await context.RequestServices.GetRequiredService<DatabaseProbe>().ProbeAsync(context.RequestAborted);
                if (fault is not null)
                    status.MarkUnavailable(DatabaseFaults.Explain(fault, context.RequestServices.GetRequiredService<StartupAndRecovery>().Target));
                else if (!DatabaseFaults.IsBrokenConnection(e))
                    throw; // the database answers: this was the query's own fault, a 500 to fix
                await UnavailablePage.WriteAsync(context, fault is null ? StartupAndRecovery.FirstRetry : StartupAndRecovery.LongestRetry);
            }
        });
}
