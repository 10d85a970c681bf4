using System.Net;
using AngleSharp.Html.Dom;
using Blog.Settings;
using Blog.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Blog.Tests.Pages.Admin;

public class SettingsTests(BlogAppFactory app) : IClassFixture<BlogAppFactory>
{
    private SiteSettingsStore Store => app.Services.GetRequiredService<SiteSettingsStore>();

    private static Task<HttpResponseMessage> SaveAsync(HttpClient client, Dictionary<string, string> values) =>
        client.SubmitFormAsync("/admin/settings", "form.settings-form", values);

    [Fact]
    public async Task Save_TheHeroTexts_ShowOnTheHomePageAtOnce()
    {
        var n = TaxonomyData.Unique();
        var client = await app.SignedInClientAsync();
        await app.CreateClient().GetAsync("/"); // now cached

        var response = await SaveAsync(client, new()
        {
            ["Input.HeroText"] = $"信号已接收 {n}",
            ["Input.LatestHeading"] = $"最新笔记 {n}",
            ["Input.Description"] = $"机器学习读书笔记 {n}",
        });

        Assert.Equal("设置已保存，站点已经生效。", (await client.FollowAsync(response)).Status());
        var home = await app.CreateClient().GetDocumentAsync("/");
        Assert.Equal($"信号已接收 {n}", home.QuerySelector(".hero-title")?.TextContent);
        Assert.Equal($"最新笔记 {n}", home.QuerySelector(".section-heading")?.TextContent);
        Assert.Equal($"机器学习读书笔记 {n}", home.QuerySelector(".hero-description")?.TextContent);
    }

    [Fact]
    public async Task Save_EveryField_IsKeptAndShownInTheFormAgain()
    {
        var client = await app.SignedInClientAsync();

        await SaveAsync(client, new()
        {
            ["Input.Title"] = "学习笔记站",
            ["Input.Author"] = "张三",
            ["Input.Language"] = "en-US",
            ["Input.TimeZone"] = "Asia/Shanghai",
            ["Input.PostsPerPage"] = "7",
            ["Input.FeedLength"] = "15",
            ["Input.UploadLimitMegabytes"] = "25",
        });
        var form = await client.GetDocumentAsync("/admin/settings");
        var home = await app.CreateClient().GetDocumentAsync("/");

        var saved = Store.Current;
        Assert.Equal(("学习笔记站", "张三", "en-US", "Asia/Shanghai", 7, 15, 25L * 1024 * 1024),
            (saved.Title, saved.Author, saved.Language, saved.TimeZone, saved.PostsPerPage, saved.FeedLength, saved.UploadLimitBytes));
        Assert.Equal("学习笔记站", form.QuerySelector("input[name='Input.Title']")?.GetAttribute("value"));
        Assert.Equal("Asia/Shanghai", ((IHtmlSelectElement)form.QuerySelector("select[name='Input.TimeZone']")!).Value);
        Assert.Equal("25", form.QuerySelector("input[name='Input.UploadLimitMegabytes']")?.GetAttribute("value"));
        Assert.Equal("en-US", home.DocumentElement.GetAttribute("lang"));
        Assert.Equal("学习笔记站", home.QuerySelector(".site-title")?.TextContent);
        await Store.SaveAsync(Store.Current with { TimeZone = "UTC", Language = "zh-CN" });
    }

    [Fact]
    public async Task Save_TheTimeZone_MovesTheDatesOnTheSite()
    {
        var post = await app.AddPostAsync(new PostBuilder("时区测试：跨过午夜").PublishedAt(new DateTime(2023, 12, 31, 20, 0, 0, DateTimeKind.Utc)));
        var client = await app.SignedInClientAsync();

        await SaveAsync(client, new() { ["Input.TimeZone"] = "Asia/Shanghai" });
        var article = await app.CreateClient().GetDocumentAsync($"/posts/{post.Slug}");

        Assert.Contains("2024-01-01", article.QuerySelector("main")!.TextContent);
        await Store.SaveAsync(Store.Current with { TimeZone = "UTC" });
    }

    [Theory]
    [InlineData("Input.PostsPerPage", "0", "每页文章数须在 1 到 100 之间。")]
    [InlineData("Input.PostsPerPage", "101", "每页文章数须在 1 到 100 之间。")]
    [InlineData("Input.PostsPerPage", "十", "“十”不是有效的每页文章数。")]
    [InlineData("Input.FeedLength", "0", "订阅条数须在 1 到 100 之间。")]
    [InlineData("Input.FeedLength", "1000", "订阅条数须在 1 到 100 之间。")]
    [InlineData("Input.UploadLimitMegabytes", "0", "上传上限须在 1 到 100 MB 之间。")]
    [InlineData("Input.UploadLimitMegabytes", "101", "上传上限须在 1 到 100 MB 之间。")]
    [InlineData("Input.Language", "中文", "请输入语言标签，例如 zh-CN 或 en。")]
    [InlineData("Input.Language", "", "请输入语言标签，例如 zh-CN 或 en。")]
    [InlineData("Input.TimeZone", "Mars/Olympus_Mons", "服务器不认识时区“Mars/Olympus_Mons”。请从列表中选择。")]
    [InlineData("Input.HeroText", " ", "请输入横幅文字。")]
    public async Task Save_ABadValue_IsRefusedKeepsWhatWasTypedAndChangesNothing(string field, string value, string error)
    {
        var client = await app.SignedInClientAsync();
        var before = Store.Current;

        var response = await SaveAsync(client, new() { [field] = value, ["Input.Author"] = "李四（未保存）" });
        var page = await response.ReadDocumentAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(error, page.QuerySelector($"[data-valmsg-for='{field}']")?.TextContent);
        Assert.Equal("李四（未保存）", page.QuerySelector("input[name='Input.Author']")?.GetAttribute("value"));
        var shown = page.QuerySelector($"[name='{field}']")!;
        Assert.Equal(value, shown is IHtmlSelectElement select ? select.Value : shown.GetAttribute("value") ?? "");
        Assert.Equal(before, Store.Current);
    }

    [Fact]
    public async Task SettingsWithHtml_AreShownAsText()
    {
        var client = await app.SignedInClientAsync();
        const string script = "<script>alert(1)</script>";

        await SaveAsync(client, new() { ["Input.Title"] = script, ["Input.HeroText"] = script, ["Input.Description"] = script });
        var home = await app.CreateClient().GetDocumentAsync("/");
        var admin = await client.GetDocumentAsync("/admin/settings");

        Assert.Equal(script, home.QuerySelector(".site-title")?.TextContent);
        Assert.Equal(script, home.QuerySelector(".hero-title")?.TextContent);
        Assert.Equal(script, home.Title);
        Assert.DoesNotContain(home.QuerySelectorAll("script"), s => s.TextContent.Contains("alert"));
        Assert.DoesNotContain(admin.QuerySelectorAll("script"), s => s.TextContent.Contains("alert"));
        Assert.Equal(script, admin.QuerySelector("input[name='Input.Title']")?.GetAttribute("value"));
        await Store.SaveAsync(new SiteSettings());
    }
}
