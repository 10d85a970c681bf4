using Blog.Data;
using Blog.Search;
using Blog.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Blog.Tests.Search;

/// <summary>
/// A word nearly every note holds is ranked among its newest matches only (SQLite's index; see
/// SqliteSearchIndex). Here the window is three notes instead of a thousand, so a few notes show
/// what a site of 100,000 would: title matches are still found first, and drafts take no place.
/// </summary>
public class SearchRankingWindowTests(BlogAppFactory app) : IClassFixture<BlogAppFactory>
{
    private const int Window = 3;

    private Task<List<int>> FirstPageAsync(string query) => app.WithDbAsync(db =>
    {
        var index = db.Database.IsSqlite() ? new SqliteSearchIndex(Window) : db.Dialect.Search;
        return index.PageAsync(db, SearchQuery.Parse(query), DateTime.UtcNow, 0, PostSearch.PageSize, CancellationToken.None);
    });

    [Fact]
    public async Task AnOldTitleMatch_ComesFirst_AndDraftsTakeNoPlaceAmongTheNewest()
    {
        var start = DateTime.UtcNow.AddDays(-30);
        var titled = await app.AddPostAsync(new PostBuilder("批归一化的推导").WithMarkdown("先写均值和方差 $\\mu_B$。").PublishedAt(start));
        var inBody = new List<Post>();
        for (var i = 1; i <= 5; i++)
        {
            inBody.Add(await app.AddPostAsync(new PostBuilder($"训练技巧 第{i}篇")
                .WithMarkdown($"第{i}篇：层归一化与残差连接。\n\n```python\nx = norm(x + attn(x))\n```").PublishedAt(start.AddDays(i))));
        }
        await app.AddPostAsync(new PostBuilder("草稿 归一化").WithMarkdown("还没写完的归一化笔记。").AsDraft());

        var found = await FirstPageAsync("归一化");

        Assert.Equal(titled.Id, found[0]);
        // The newest public matches fill the window: the draft, newer still, is not among them.
        Assert.Equal(inBody.TakeLast(Window).Select(p => p.Id).Order(), found.Skip(1).Take(Window).Order());
    }
}
