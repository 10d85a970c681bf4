using Blog.Tests.Infrastructure;

namespace Blog.Tests.Cli;

/// <summary><c>admin create</c>: the first account, and the site's own name from the first minute.</summary>
public sealed class AdminCommandTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "blog-admin-cli", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task AdminCreate_WithSiteNameAuthorAndDescription_NamesTheSite()
    {
        var run = await BlogCommand.RunWithInputAsync(_data, "correct horse 42",
            "admin", "create", "--user", "me", "--password-stdin",
            "--site-name", "小明的机器学习笔记", "--author", "小明", "--description", "读论文、推公式、写代码。");

        Assert.True(run.ExitCode == 0, run.Output + run.Errors);
        await using var site = new SiteOver(_data);
        var home = await site.CreateClient().GetDocumentAsync("/");
        Assert.Equal("小明的机器学习笔记", home.QuerySelector(".site-title")?.TextContent);
        Assert.Contains("小明", home.QuerySelector(".site-footer")?.TextContent);
        Assert.Equal("读论文、推公式、写代码。", home.QuerySelector("meta[name=description]")?.GetAttribute("content"));
        Assert.NotNull(await site.SignedInClientAsync("me"));
    }

    [Fact]
    public async Task AdminCreate_WithOnlyUserAndPassword_StillWorks_AndTheSiteSaysNeitherBlogNorAuthor()
    {
        var run = await BlogCommand.RunWithInputAsync(_data, "correct horse 42", "admin", "create", "--user", "me", "--password-stdin");

        Assert.True(run.ExitCode == 0, run.Output + run.Errors);
        await using var site = new SiteOver(_data);
        var home = await site.CreateClient().GetDocumentAsync("/");
        Assert.DoesNotContain("Blog", home.Title);
        Assert.DoesNotContain("Blog", home.QuerySelector(".site-header")!.TextContent);
        Assert.DoesNotContain("Author", home.QuerySelector(".site-footer")!.TextContent);
    }

    [Fact]
    public async Task AdminCreate_WithAnOptionMissingItsValue_IsRefusedAndCreatesNothing()
    {
        var run = await BlogCommand.RunWithInputAsync(_data, "correct horse 42", "admin", "create", "--user", "me", "--password-stdin", "--site-name");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--site-name needs a value", run.Errors + run.Output);
    }

    public void Dispose()
    {
        TestDatabase.Drop(_data);
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }

    /// <summary>The web app over the folder the command used.</summary>
    private sealed class SiteOver(string data) : BlogAppFactory
    {
        public override string ConnectionString => TestDatabase.ConnectionStringFor(data);
        protected override bool OwnsDatabase => false;
    }
}
