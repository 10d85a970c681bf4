using Blog.Tests.Infrastructure;

namespace Blog.Tests.Pages.Admin;

/// <summary>A fresh site is the author's from the first sign-in: the dashboard asks for what is still unset.</summary>
public class SetUpTests(BlogAppFactory app) : IClassFixture<BlogAppFactory>
{
    [Fact]
    public async Task FirstSignIn_AsksForTheSitesNameAndAuthor_AndThePublicPagesShowThem()
    {
        var before = await app.CreateClient().GetDocumentAsync("/");
        Assert.DoesNotContain("Blog", before.Title);
        Assert.DoesNotContain("Author", before.QuerySelector(".site-footer")!.TextContent);
        var author = await app.SignedInClientAsync();
        var dashboard = await author.GetDocumentAsync("/admin");
        Assert.NotNull(dashboard.QuerySelector("#setup-heading"));

        var saved = await author.FollowAsync(await author.SubmitFormAsync("/admin", "form[action*='SetUp']", new Dictionary<string, string>
        {
            ["SetUp.Title"] = "小红的生成模型笔记",
            ["SetUp.Author"] = "小红",
            ["SetUp.Description"] = "扩散模型与 VAE 的推导。",
        }));

        Assert.Null(saved.QuerySelector("#setup-heading"));
        var home = await app.CreateClient().GetDocumentAsync("/");
        Assert.Equal("小红的生成模型笔记", home.QuerySelector(".site-title")?.TextContent);
        Assert.Contains("小红", home.QuerySelector(".site-footer")?.TextContent);
        Assert.Equal("扩散模型与 VAE 的推导。", home.QuerySelector(".hero-description")?.TextContent);
    }

    [Fact]
    public async Task SetUp_WithoutAName_IsRefusedAndKeepsWhatWasTyped()
    {
        // A site of its own: the other test names its site.
        await using var fresh = new BlogAppFactory();
        var author = await fresh.SignedInClientAsync();

        var page = await (await author.SubmitFormAsync("/admin", "form[action*='SetUp']", new Dictionary<string, string>
        {
            ["SetUp.Title"] = "",
            ["SetUp.Author"] = "小红",
        })).ReadDocumentAsync();

        Assert.Contains("请输入站点名称。", page.QuerySelector("[data-valmsg-for='SetUp.Title']")?.TextContent);
        Assert.Equal("小红", page.QuerySelector("input[name='SetUp.Author']")?.GetAttribute("value"));
    }
}
