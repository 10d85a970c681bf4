using Blog.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Blog.Tests.Pages.Posts;

/// <summary>The related notes at an article's foot, with the page cache on, as readers get them.</summary>
public class RelatedPostsTests(BlogAppFactory app) : IClassFixture<BlogAppFactory>
{
    private static readonly DateTime Day = new(2024, 3, 1, 8, 0, 0, DateTimeKind.Utc);

    private async Task<string[]> RelatedTitlesAsync(string slug)
    {
        var page = await app.CreateClient().GetDocumentAsync($"/posts/{slug}");
        return page.QuerySelectorAll(".related .post-card-title a").Select(a => a.TextContent).ToArray();
    }

    [Fact]
    public async Task Related_MostSharedTagsFirst_ThenTheNewer()
    {
        var article = await app.AddPostAsync(new PostBuilder("扩散模型：DDPM 推导").WithTags("排序-扩散", "排序-采样").PublishedAt(Day));
        await app.AddPostAsync(new PostBuilder("只谈扩散，较旧").WithTags("排序-扩散").PublishedAt(Day.AddDays(1)));
        await app.AddPostAsync(new PostBuilder("只谈采样，较新").WithTags("排序-采样").PublishedAt(Day.AddDays(2)));
        await app.AddPostAsync(new PostBuilder("两个标签都有").WithTags("排序-采样", "排序-扩散").PublishedAt(Day.AddDays(-5)));

        Assert.Equal(["两个标签都有", "只谈采样，较新", "只谈扩散，较旧"], await RelatedTitlesAsync(article.Slug));
    }

    [Fact]
    public async Task Related_FilledWithTheNewestOfTheCategory()
    {
        var article = await app.AddPostAsync(new PostBuilder("NumPy 广播规则").InCategory("python").WithTags("类别-广播").PublishedAt(Day));
        await app.AddPostAsync(new PostBuilder("Python 较旧的笔记").InCategory("python").PublishedAt(Day.AddDays(-3)));
        await app.AddPostAsync(new PostBuilder("Python 较新的笔记").InCategory("python").PublishedAt(Day.AddDays(3)));
        await app.AddPostAsync(new PostBuilder("别的类别，最新").InCategory("large-model").PublishedAt(Day.AddDays(4)));
        await app.AddPostAsync(new PostBuilder("Python 草稿").InCategory("python").AsDraft());

        Assert.Equal(["Python 较新的笔记", "Python 较旧的笔记"], await RelatedTitlesAsync(article.Slug));
    }

    [Fact]
    public async Task Related_FollowsTheContent_ATrashedNoteLeavesAndANewOneComesAtOnce()
    {
        var article = await app.AddPostAsync(new PostBuilder("注意力机制笔记").WithTags("变化-注意力").PublishedAt(Day));
        var old = await app.AddPostAsync(new PostBuilder("旧的注意力笔记").WithTags("变化-注意力").PublishedAt(Day.AddDays(-1)));
        Assert.Equal(["旧的注意力笔记"], await RelatedTitlesAsync(article.Slug));

        await app.WithDbAsync(async db =>
        {
            (await db.Posts.SingleAsync(p => p.Id == old.Id)).Trash(DateTime.UtcNow);
            await db.SaveChangesAsync();
        });
        await app.AddPostAsync(new PostBuilder("新的注意力笔记：$QK^T$").WithTags("变化-注意力").PublishedAt(Day.AddDays(1)));

        Assert.Equal(["新的注意力笔记：$QK^T$"], await RelatedTitlesAsync(article.Slug));
    }
}
