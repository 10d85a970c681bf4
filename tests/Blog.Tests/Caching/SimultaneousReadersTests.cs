using Blog.Caching;
using Blog.Posts;
using Blog.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Blog.Tests.Caching;

/// <summary>Readers who arrive together at a page that is not cached (a save just dropped it) share one render.</summary>
public sealed class SimultaneousReadersTests(CountingBlogAppFactory app) : IClassFixture<CountingBlogAppFactory>
{
    private const string Note = "## 推导\n\n第一步 $x_t = \\sqrt{\\bar\\alpha_t}x_0 + \\sqrt{1-\\bar\\alpha_t}\\epsilon$ 成立。\n\n$$\n\\mathcal{L} = \\mathbb{E}\\lVert \\epsilon - \\epsilon_\\theta(x_t, t) \\rVert^2\n$$\n\n```python\nloss = ((eps - model(x_t, t)) ** 2).mean()\n```";

    [Fact]
    public async Task TwelveReadersAtOnce_OfAnArticleNotCachedYet_CostTheDatabaseOneRender()
    {
        var alone = await app.AddPostAsync(new PostBuilder("扩散模型 单独一位读者").WithTags("扩散").WithMarkdown(Note));
        var together = await app.AddPostAsync(new PostBuilder("扩散模型 同时十二位读者").WithTags("扩散").WithMarkdown(Note));
        var client = app.CreateClient();
        await client.GetStringAsync("/"); // the site's first answer reads its settings: not part of a render
        // The site's own work after its start is over: nothing it saves drops the pages below.
        await app.Services.GetRequiredService<BackgroundRerender>().FirstRunEnded.WaitAsync(TimeSpan.FromSeconds(60));

        app.Counter.Reset();
        var page = await client.GetStringAsync($"/posts/{alone.Slug}");
        var oneRender = app.Counter.Count;

        var cache = app.Services.GetRequiredService<PageCache>();
        var generation = cache.Generation;
        app.Counter.Reset();
        var pages = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => client.GetStringAsync($"/posts/{together.Slug}")));

        Assert.All(pages, p => Assert.Contains("同时十二位读者", p));
        Assert.Contains("katex", page);
        Assert.True(oneRender > 0, "The counter sees the SQL of a render.");
        Assert.Equal(generation, cache.Generation); // no save emptied the cache while the readers came
        Assert.True(app.Counter.Count <= oneRender + 2, $"12 readers at once ran {app.Counter.Count} SQL commands; one render runs {oneRender}");
    }
}
