using Blog.Cli;
using Blog.Data;
using Blog.Hosting;

// The command line (admin create, import, export, backup) shares the site's services and database.
if (CommandLine.IsCommand(args))
    return await CommandLine.RunAsync(args);

var builder = WebApplication.CreateBuilder(args);
builder.AddBlog();

var app = builder.Build();
await DatabaseInitializer.InitializeAsync(app.Services);
app.UseBlog();
await app.RunAsync();
return 0;

/// <summary>Visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
