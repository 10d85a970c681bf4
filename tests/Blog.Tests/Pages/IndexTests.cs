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
}
