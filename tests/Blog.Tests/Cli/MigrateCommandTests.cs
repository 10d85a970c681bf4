using Blog.Data;
using Blog.Hosting;
using Blog.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Blog.Tests.Cli;

/// <summary><c>migrate</c>: the operator sets the database up before starting the nodes.</summary>
public sealed class MigrateCommandTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "blog-migrate-cli", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Migrate_FreshDatabase_CreatesAndSeedsIt_ThenSaysItIsUpToDate()
    {
        var first = await BlogCommand.RunAsync(_data, "migrate");
        var second = await BlogCommand.RunAsync(_data, "migrate");

        Assert.True(first.ExitCode == 0, first.Output + first.Errors);
        Assert.Matches(@"applied \d+ migration\(s\): \d{14}_Initial", first.Output);
        Assert.Contains("seeded a fresh site: three categories and the welcome post", first.Output);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("already up to date", second.Output);
        Assert.DoesNotContain("seeded", second.Output);
        await AssertSeededOnceAsync();
    }

    [Fact]
    public async Task Migrate_SeveralProcessesAtOnce_OnAnEmptyDatabase_AllSucceed_AndSeedOnce()
    {
        var runs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => BlogCommand.RunAsync(_data, "migrate")));

        Assert.All(runs, run => Assert.True(run.ExitCode == 0, run.Output + run.Errors));
        Assert.Single(runs, run => run.Output.Contains("seeded a fresh site"));
        await AssertSeededOnceAsync();
    }

    [Fact]
    public async Task Migrate_WithPostsOfAnOlderPipeline_RendersThemAgainBeforeItExits()
    {
        Assert.Equal(0, (await BlogCommand.RunAsync(_data, "migrate")).ExitCode);
        await using (var db = Open())
        {
            await db.Posts.ExecuteUpdateAsync(s => s.SetProperty(p => p.RenderVersion, 0).SetProperty(p => p.Html, "<p>旧版渲染</p>"));
            await db.Settings.Where(s => s.Key == "_render_version").ExecuteDeleteAsync();
        }

        var run = await BlogCommand.RunAsync(_data, "migrate");

        Assert.True(run.ExitCode == 0, run.Output + run.Errors);
        Assert.Contains("re-rendered 1 post(s)", run.Output);
        await using var after = Open();
        var welcome = await after.Posts.SingleAsync();
        Assert.Equal(Blog.Content.MarkdownRenderer.Version, welcome.RenderVersion);
        Assert.DoesNotContain("旧版渲染", welcome.Html);
    }

    private BlogDbContext Open()
    {
        var options = new DbContextOptionsBuilder<BlogDbContext>();
        DatabaseSetup.UseProvider(options, TestDatabase.Provider, TestDatabase.ConnectionStringFor(_data));
        return new BlogDbContext(options.Options);
    }

    private async Task AssertSeededOnceAsync()
    {
        await using var db = Open();
        Assert.Equal([WelcomePost.Slug], await db.Posts.Select(p => p.Slug).ToListAsync());
        Assert.Equal(3, await db.Categories.CountAsync());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        TestDatabase.Drop(_data);
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }
}
