using Microsoft.EntityFrameworkCore;
using Blog.Tests.Infrastructure;

namespace Blog.Tests.Pages;

public class IndexTests(BlogAppFactory app) : IClassFixture<BlogAppFactory>
{
    [Fact]
    public async Task Home_ShowsHeroLatestUpdatesAndPostCards()
    {
        var post = await app.AddPostAsync(new PostBuilder("扩散模型入门笔记").InCategory("generative-model")
            .PublishedAt(new DateTime(2024, 5, 10, 9, 0, 0, DateTimeKind.Utc))
            .WithMarkdown(string.Concat(Enumerable.Repeat("扩散模型通过逐步去噪生成样本。", 30))));

        var page = await app.CreateClient().GetDocumentAsync("/");

        Assert.Equal("INCOMING TRANSMISSION", page.QuerySelector(".hero-title")?.TextContent);
        Assert.Equal("LATEST UPDATES", page.QuerySelector(".section-heading")?.TextContent);
        Assert.Equal("zh-CN", page.DocumentElement.GetAttribute("lang"));
        var card = page.QuerySelectorAll(".post-card").Single(c => c.QuerySelector("a")!.TextContent == "扩散模型入门笔记");
        Assert.Equal("Generative Model", card.QuerySelector(".post-category")?.TextContent);
        Assert.Equal("2024-05-10", card.QuerySelector("time")?.TextContent);
        var excerpt = card.QuerySelector(".post-excerpt")!.TextContent;
        Assert.StartsWith("扩散模型通过逐步去噪生成样本。", excerpt);
        Assert.EndsWith("...", excerpt);
        Assert.Equal(203, excerpt.Length);
        Assert.Equal($"/posts/{post.Slug}", card.QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Hero_StatusLine_ShowsWhenTheNewestNoteWasPublished_NotToday()
    {
        // A site of its own, without the welcome post published at its first start (today).
        await using var site = new BlogAppFactory();
        await site.WithDbAsync(db => db.Posts.ExecuteDeleteAsync());
        var newest = DateTime.UtcNow.AddDays(-3);
        await site.AddPostAsync(new PostBuilder("较早的笔记").PublishedAt(newest.AddDays(-5)));
        await site.AddPostAsync(new PostBuilder("最新的笔记").PublishedAt(newest));

        var page = await site.CreateClient().GetDocumentAsync("/");

        var time = page.QuerySelector(".hero-signal time");
        Assert.Equal(site.Settings.ToLocal(newest).ToString("yyyy-MM-dd"), time?.TextContent);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", time?.GetAttribute("datetime"));
        Assert.DoesNotContain(DateTime.UtcNow.ToString("yyyy.MM.dd"), page.QuerySelector(".hero-signal")!.TextContent);
    }
}
