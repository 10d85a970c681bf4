using Blog.Cli;
using Blog.Hosting;

// The command line (admin create, import, export, backup) shares the site's services and database.
if (CommandLine.IsCommand(args))
    return await CommandLine.RunAsync(args);

WebApplication app;
try
{
    var builder = WebApplication.CreateBuilder(AppFiles.Options(args));
    AppFiles.EnsureSettings(builder.Environment);
    builder.AnswerCachedPagesOnSocketThreads();
    builder.AddBlog();
    app = builder.Build();
    AppFiles.EnsureWebRoot(app.Environment);
}
catch (MissingAppFilesException e)
{
    // Before the log exists: one line on standard error and a failed start, never a site without its styles.
    await Console.Error.WriteLineAsync($"error: {e.Message}");
    return 1;
}
app.UseBlog();
// Sets the database up before it listens; one that cannot be used (not up yet, a wrong address or
// password) does not stop the site: it answers 503 and keeps trying (StartupAndRecovery).
await app.RunAsync();
return 0;

/// <summary>Visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
