namespace Blog.Hosting;

/// <summary>
/// The app's own files (appsettings.json, wwwroot/) are found beside the app, whatever folder it
/// is started from (`cd /srv && dotnet /opt/blog/Blog.dll`, a systemd unit, `dotnet run --project`):
/// the content root is the app's folder. The data paths in the settings (data/blog.db,
/// data/media, data/logs) stay relative to the working directory, as documented.
/// </summary>
public static class AppFiles
{
    public const string SettingsFile = "appsettings.json";

    /// <summary>A file every page links to: without it the site would answer its assets with empty 200s.</summary>
    public const string Stylesheet = "css/site.css";

    /// <summary>
    /// The host's options: the content root is the app's folder unless one is given
    /// (--contentRoot, ASPNETCORE_CONTENTROOT; the test host gives the repository's).
    /// </summary>
    public static WebApplicationOptions Options(string[] args) => new()
    {
        Args = args,
        ContentRootPath = GivenContentRoot(args) is null ? AppContext.BaseDirectory : null,
    };

    private static string? GivenContentRoot(string[] args) =>
        new ConfigurationBuilder()
            .AddEnvironmentVariables("DOTNET_")
            .AddEnvironmentVariables("ASPNETCORE_")
            .AddCommandLine(args)
            .Build()[HostDefaults.ContentRootKey];

    /// <summary>The settings file must be there: without it the site would run on defaults, with no log file, silently.</summary>
    public static void EnsureSettings(IHostEnvironment environment)
    {
        var settings = Path.Combine(environment.ContentRootPath, SettingsFile);
        if (!File.Exists(settings))
            throw new MissingAppFilesException($"{settings} is missing: the app's folder ({environment.ContentRootPath}) must hold the published output, {SettingsFile} included.");
    }

    /// <summary>The static files must be there (in wwwroot/, or where `dotnet run`'s static web assets manifest points).</summary>
    public static void EnsureWebRoot(IWebHostEnvironment environment)
    {
        if (!environment.WebRootFileProvider.GetFileInfo(Stylesheet).Exists)
            throw new MissingAppFilesException($"{Path.Combine(environment.WebRootPath ?? Path.Combine(environment.ContentRootPath, "wwwroot"), Stylesheet)} is missing: the app's folder ({environment.ContentRootPath}) must hold the published output, wwwroot/ included.");
    }
}

/// <summary>The app's own files are not where it runs from: it says so and does not start.</summary>
public sealed class MissingAppFilesException(string message) : Exception(message);
