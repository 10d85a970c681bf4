using Blog.Cli;
using Blog.Availability;
using Blog.Hosting;

// The command line (admin create, import, export, backup) shares the site's services and database.
if (CommandLine.IsCommand(args))
    return await CommandLine.RunAsync(args);

var builder = WebApplication.CreateBuilder(args);
builder.AddBlog();

var app = builder.Build();
// The database is set up on another thread while the site builds its pipeline; the site listens
// once that has ended (see FirstSetUpWait). One that cannot be used (not up yet, a wrong address
// or password) does not stop the site: it answers 503 and keeps trying.
_ = Task.Run(() => app.Services.GetRequiredService<DatabaseRecovery>().SetUpAsync());
app.UseBlog();
await app.RunAsync();
return 0;

/// <summary>Visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
