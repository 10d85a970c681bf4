using System.Diagnostics;

namespace Blog.Tests.Infrastructure;

/// <summary>The site started as its own process (<c>dotnet Blog.dll</c>), as it runs on a server.</summary>
public static class SiteProcess
{
    /// <summary>Starts the site on a loopback port in <paramref name="workingFolder"/>, with the test's own environment and arguments; its output redirected.</summary>
    public static Process Start(string workingFolder, int port, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
                ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            },
        };
        foreach (var (key, value) in environment)
            start.Environment[key] = value;
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Blog.dll"));
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        return Process.Start(start)!;
    }

    /// <summary>Waits, at most a minute, until the site answers <c>/healthz</c>; fails if it exits first.</summary>
    public static async Task WaitUntilAnsweringAsync(HttpClient client, Process site)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60) && !site.HasExited)
        {
            try
            {
                if ((await client.GetAsync("/healthz")).IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(200);
        }
        throw new Xunit.Sdk.XunitException($"the site did not answer /healthz (exited: {site.HasExited})");
    }
}
