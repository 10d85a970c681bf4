using Blog.Data;
using Blog.Hosting;
using Blog.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Blog.Tests.Copy;

/// <summary>
/// The command's refusals and errors: one line, exit code 2, and a target left as it was. The
/// tests that need a PostgreSQL server are skipped without BLOG_TEST_POSTGRES.
/// </summary>
public sealed class CopyToPostgresCommandTests(SqliteBlogApp source) : IClassFixture<SqliteBlogApp>, IDisposable
{
    private readonly List<string> _databaseFolders = [];

    private Task<BlogCommand.Run> CopyAsync(SqliteBlogApp from, params string[] arguments) =>
        BlogCommand.RunOnAsync(DatabaseProvider.Sqlite, from.ConnectionString, from.DataFolder, ["copy-to-postgres", .. arguments]);

    /// <summary>A new, empty PostgreSQL database, dropped after the test.</summary>
    private string EmptyDatabase()
    {
        var folder = Path.Combine(Path.GetTempPath(), "blog-tests", "copy-target-" + Guid.NewGuid().ToString("N"));
        _databaseFolders.Add(folder);
        return TestDatabase.ConnectionStringFor(folder);
    }

    [PostgresFact]
    public async Task Copy_IntoADatabaseASiteAlreadyUses_IsRefusedAndChangesNothing()
    {
        using var running = new BlogAppFactory();
        await running.AddPostAsync(new PostBuilder("PostgreSQL 上已有的笔记"));
        var before = await running.WithDbAsync(ModelRows.ReadAsync);

        var run = await CopyAsync(source, running.ConnectionString);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: the target database is not empty (", run.Errors);
        Assert.Contains("Posts", run.Errors);
        Assert.EndsWith("so nothing was copied; give the copy a new database (it is created when missing) or an empty one", run.Errors.TrimEnd());
        Assert.Single(run.Errors.TrimEnd().Split('\n'));
        Assert.Equal(before, await running.WithDbAsync(ModelRows.ReadAsync));
    }

    [PostgresFact]
    public async Task Copy_ThenTheCopyTakesNewPostsAfterTheCopiedOnes()
    {
        await source.AddPostAsync(new PostBuilder("搬家前的最后一篇"));
        var lastCopied = await source.WithDbAsync(db => db.Posts.MaxAsync(p => p.Id));
        using var target = new BlogAppFactory();

        var run = await CopyAsync(source, target.ConnectionString);

        Assert.True(run.ExitCode == 0, run.Output + run.Errors);
        var author = await target.SignedInClientAsync();
        var saved = await author.SubmitFormAsync("/admin/posts/new", Editor.Form, Editor.Fields("搬家后的第一篇", "在 PostgreSQL 上写的。"), "立即发布");
        Assert.Equal(lastCopied + 1, saved.SavedPostId());
        var home = await target.CreateClient().GetStringAsync("/");
        Assert.Contains("搬家后的第一篇", home);
        Assert.Contains("搬家前的最后一篇", home);
    }

    [PostgresFact]
    public async Task Copy_OfARowPostgresCannotHold_NamesItAndLeavesTheTargetEmpty()
    {
        using var site = new SqliteBlogApp();
        await site.AddImageAsync();
        var post = await site.AddPostAsync(new PostBuilder("标题太长的笔记"));
        // SQLite keeps text of any length whatever the model says; PostgreSQL's varchar(300) does not.
        await SetTitleAsync(site, post.Id, new string('长', 301));
        var target = EmptyDatabase();

        var run = await CopyAsync(site, target);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"error: Posts row Id={post.Id}: Title holds 301 characters and PostgreSQL's column allows 300; shorten it on the SQLite site and run the copy again",
            run.Errors.TrimEnd());
        // Categories and Media were written before Posts, in the same transaction: gone with it.
        Assert.All(await ReadTargetAsync(target), table => Assert.Empty(table.Value));

        await SetTitleAsync(site, post.Id, new string('长', 300));
        var again = await CopyAsync(site, target);

        Assert.True(again.ExitCode == 0, again.Output + again.Errors);
        Assert.Contains(new string('长', 300), (await ReadTargetAsync(target))["Posts"].Single(row => row.Contains($"; Id={post.Id};")));
    }

    [PostgresFact]
    public async Task Copy_AsAUserTheServerDoesNotKnow_SaysTheServerRefusedIt()
    {
        var target = new NpgsqlConnectionStringBuilder(TestDatabase.PostgresServer) { Username = "nobody_here", Database = "blog_copy_never_made" };

        var run = await CopyAsync(source, target.ConnectionString);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"error: PostgreSQL at {target.Host}:{target.Port} refused user 'nobody_here': role \"nobody_here\" does not exist; nothing was copied",
            run.Errors.TrimEnd());
    }

    [Fact]
    public async Task Copy_ToAServerThatDoesNotAnswer_SaysItCannotReachIt()
    {
        var port = Ports.Closed();

        var run = await CopyAsync(source, $"Host=127.0.0.1;Port={port};Database=blog;Username=blog;Timeout=5");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"error: cannot reach PostgreSQL at 127.0.0.1:{port}: Connection refused", run.Errors.TrimEnd());
        Assert.DoesNotContain("   at ", run.Output + run.Errors);
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Databse=blog", "error: the target is not a PostgreSQL connection string: it has 'databse', which Npgsql does not know or cannot use")]
    [InlineData("Host=127.0.0.1;Username=blog", "error: the target connection string names no database: add Database=NAME (it is created when missing)")]
    [InlineData("--media-to", "error: give the PostgreSQL site's media folder after --media-to")]
    public async Task Copy_WithATargetThatCannotBeUsed_SaysWhatIsWrong(string argument, string error)
    {
        var run = await CopyAsync(source, argument);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith(error, run.Errors);
        Assert.Single(run.Errors.TrimEnd().Split('\n'));
    }

    private static async Task SetTitleAsync(SqliteBlogApp site, int id, string title)
    {
        await using var connection = new SqliteConnection(site.ConnectionString);
        await connection.OpenAsync();
        await using var update = connection.CreateCommand();
        update.CommandText = "UPDATE Posts SET Title = $title WHERE Id = $id";
        update.Parameters.AddWithValue("$title", title);
        update.Parameters.AddWithValue("$id", id);
        Assert.Equal(1, await update.ExecuteNonQueryAsync());
    }

    private static async Task<SortedDictionary<string, List<string>>> ReadTargetAsync(string connectionString)
    {
        var options = new DbContextOptionsBuilder<BlogDbContext>();
        DatabaseSetup.UseProvider(options, DatabaseProvider.Postgres, connectionString);
        await using var db = new BlogDbContext(options.Options);
        return await ModelRows.ReadAsync(db);
    }

    public void Dispose()
    {
        foreach (var folder in _databaseFolders)
            TestDatabase.Drop(folder);
    }
}
