using System.Diagnostics;

namespace Blog.Tests.Infrastructure;

/// <summary>The site started as its own process (<c>dotnet Blog.dll</c>), as it runs on a server.</summary>
public static class SiteProcess
{
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
