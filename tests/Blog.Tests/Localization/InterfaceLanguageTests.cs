using Blog.Tests.Infrastructure;

namespace Blog.Tests.Localization;

/// <summary>The interface speaks the site's language setting: Simplified Chinese unless the author chooses otherwise.</summary>
public class InterfaceLanguageTests(BlogAppFactory app) : IClassFixture<BlogAppFactory>
{
    [Fact]
    public async Task Interface_IsSimplifiedChineseByDefault_AndTheSettingSwitchesItToTraditionalOrEnglish()
    {
        await app.AddPostAsync(new PostBuilder("注意力机制笔记").PublishedAt(new DateTime(2024, 5, 10, 9, 0, 0, DateTimeKind.Utc)));
        var author = await app.SignedInClientAsync();
        try
        {
            var home = await app.CreateClient().GetDocumentAsync("/");
            Assert.Equal("跳到正文", home.QuerySelector(".skip-link")?.TextContent);
            Assert.Equal(["首页", "归档", "RSS"], home.QuerySelectorAll(".site-nav a").Select(a => a.TextContent));
            // The hero's English is the site's design, and dates keep their form.
            Assert.Equal("INCOMING TRANSMISSION", home.QuerySelector(".hero-title")?.TextContent);
            Assert.Equal("LATEST UPDATES", home.QuerySelector(".section-heading")?.TextContent);
            Assert.Contains("2024-05-10", home.QuerySelectorAll(".post-card time").Select(t => t.TextContent));

            var saved = await author.FollowAsync(await author.SubmitFormAsync("/admin/settings", "form.settings-form",
                new Dictionary<string, string> { ["Input.InterfaceLanguage"] = "zh-Hant" }));
            Assert.Equal("設定已儲存，網站已經生效。", saved.Status());
            Assert.Equal("首頁", (await app.CreateClient().GetDocumentAsync("/")).QuerySelector(".site-nav a")?.TextContent);
            Assert.Equal("儀表板", (await author.GetDocumentAsync("/admin")).QuerySelector("h1")?.TextContent);

            await author.SubmitFormAsync("/admin/settings", "form.settings-form", new Dictionary<string, string> { ["Input.InterfaceLanguage"] = "en" });
            var english = await app.CreateClient().GetDocumentAsync("/");
            Assert.Equal("Skip to content", english.QuerySelector(".skip-link")?.TextContent);
            Assert.Equal("Home", english.QuerySelector(".site-nav a")?.TextContent);
            Assert.Equal("LATEST UPDATES", english.QuerySelector(".section-heading")?.TextContent);
        }
        finally
        {
            await author.SubmitFormAsync("/admin/settings", "form.settings-form", new Dictionary<string, string> { ["Input.InterfaceLanguage"] = "zh-Hans" });
        }
    }

    [Fact]
    public async Task SignInPage_IsInChinese_AndKeepsItsFieldNames()
    {
        var page = await app.CreateClient().GetDocumentAsync("/admin/login");

        Assert.Equal("登录", page.QuerySelector("h1")?.TextContent);
        Assert.NotNull(page.QuerySelector("form input[name='Input.UserName']"));
        Assert.NotNull(page.QuerySelector("form input[name='Input.Password'][type=password]"));
        Assert.Equal("#Input_UserName", page.QuerySelector("a.skip-link")?.GetAttribute("href"));
    }

    [Fact]
    public async Task AValidationMessage_IsInTheInterfacesLanguage()
    {
        var author = await app.SignedInClientAsync();

        var page = await (await author.SubmitFormAsync("/admin/posts/new", Editor.Form, Editor.Fields("  ", "正文"), "保存草稿")).ReadDocumentAsync();

        Assert.Contains("请给文章起个标题。", page.QuerySelector(".form-errors")?.TextContent);
    }
}
