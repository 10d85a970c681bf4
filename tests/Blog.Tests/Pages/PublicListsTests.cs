using System.Net;
using Blog.Tests.Infrastructure;

namespace Blog.Tests.Pages;

/// <summary>Home, category, tag and archive lists: order and visibility.</summary>
public class PublicListsTests(BlogAppFactory app) : IClassFixture<BlogAppFactory>
{
    private static readonly string[] Lists = ["/", "/category/python", "/tag/可见性", "/archive"];

    [Fact]
    public async Task Lists_ShowPublishedPostsNewestFirst()
    {
        var day = DateTime.UtcNow.AddDays(-3);
        var first = await app.AddPostAsync(new PostBuilder("列表顺序 一").InCategory("python").WithTags("可见性").PublishedAt(day));
        var second = await app.AddPostAsync(new PostBuilder("列表顺序 二").InCategory("python").WithTags("可见性").PublishedAt(day.AddHours(1)));
        var client = app.CreateClient();

        foreach (var url in Lists)
        {
            var page = await client.GetDocumentAsync(url);
            var titles = page.QuerySelectorAll("main a").Select(a => a.TextContent).Where(t => t.StartsWith("列表顺序")).ToList();
            Assert.Equal([second.Title, first.Title], titles);
        }
    }

    [Fact]
    public async Task DraftsScheduledAndTrashedPosts_AreInvisibleInEveryList()
    {
        await app.AddPostAsync(new PostBuilder("不可见 草稿").InCategory("python").WithTags("可见性").AsDraft());
        await app.AddPostAsync(new PostBuilder("不可见 定时").InCategory("python").WithTags("可见性").ScheduledAt(DateTime.UtcNow.AddHours(2)));
        await app.AddPostAsync(new PostBuilder("不可见 回收").InCategory("python").WithTags("可见性").Trashed());
        var client = app.CreateClient();

        foreach (var url in Lists)
        {
            var page = await client.GetDocumentAsync(url);
            Assert.DoesNotContain("不可见", page.QuerySelector("main")!.TextContent);
        }
    }

    [Fact]
    public async Task CategoryAndTagPages_ShowOnlyTheirPosts()
    {
        var python = await app.AddPostAsync(new PostBuilder("只在 Python").InCategory("python").WithTags("装饰器"));
        var other = await app.AddPostAsync(new PostBuilder("只在生成模型").InCategory("generative-model").WithTags("GAN"));
        var client = app.CreateClient();

        var category = await client.GetDocumentAsync("/category/python");
        var tag = await client.GetDocumentAsync("/tag/gan");

        Assert.Equal("Python", category.QuerySelector("h1")?.TextContent);
        Assert.Contains(python.Title, category.QuerySelector("main")!.TextContent);
        Assert.DoesNotContain(other.Title, category.QuerySelector("main")!.TextContent);
        Assert.Equal("#GAN", tag.QuerySelector("h1")?.TextContent);
        Assert.Contains(other.Title, tag.QuerySelector("main")!.TextContent);
        Assert.DoesNotContain(python.Title, tag.QuerySelector("main")!.TextContent);
        Assert.Equal("http://localhost/category/python/feed.xml",
            category.QuerySelectorAll("link[rel=alternate]").Last().GetAttribute("href"));
    }

    [Fact]
    public async Task Archive_GroupsByYearAndMonth()
    {
        await app.AddPostAsync(new PostBuilder("归档 2021 三月").PublishedAt(new DateTime(2021, 3, 5, 0, 0, 0, DateTimeKind.Utc)));
        await app.AddPostAsync(new PostBuilder("归档 2021 三月二").PublishedAt(new DateTime(2021, 3, 20, 0, 0, 0, DateTimeKind.Utc)));
        await app.AddPostAsync(new PostBuilder("归档 2020 十二月").PublishedAt(new DateTime(2020, 12, 31, 0, 0, 0, DateTimeKind.Utc)));

        var page = await app.CreateClient().GetDocumentAsync("/archive");

        var march = page.QuerySelectorAll("h3.archive-month").Single(h => h.TextContent == "2021-03");
        Assert.Equal(["归档 2021 三月二", "归档 2021 三月"], march.NextElementSibling!.QuerySelectorAll("a").Select(a => a.TextContent));
        Assert.Contains(page.QuerySelectorAll("h3.archive-month"), h => h.TextContent == "2020-12");
    }

    [Theory]
    [InlineData("/category/no-such-category")]
    [InlineData("/tag/no-such-tag")]
    [InlineData("/?page=-1")]
    [InlineData("/?page=0")]
    [InlineData("/?page=99999")]
    [InlineData("/?page=99999999999999999999")]
    [InlineData("/category/python?page=99999")]
    public async Task MissingPages_Are404(string url)
    {
        var response = await app.CreateClient().GetAsync(url);
        var page = await response.ReadDocumentAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("未找到 · INCOMING TRANSMISSION", page.Title);
    }

    [Fact]
    public async Task NonNumericPage_ShowsTheFirstPage()
    {
        var page = await app.CreateClient().GetDocumentAsync("/?page=abc");

        Assert.Equal("LATEST UPDATES", page.QuerySelector(".section-heading")?.TextContent);
    }

    [Fact]
    public async Task Healthz_AnswersWhenTheDatabaseDoes()
    {
        var response = await app.CreateClient().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task RobotsTxt_NamesTheSitemapAndKeepsCrawlersOutOfAdmin()
    {
        var robots = await app.CreateClient().GetStringAsync("/robots.txt");

        Assert.Contains("Disallow: /admin", robots);
        Assert.Contains("Sitemap: http://localhost/sitemap.xml", robots);
    }
}
