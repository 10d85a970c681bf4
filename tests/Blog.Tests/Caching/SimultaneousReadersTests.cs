using Blog.Caching;
using Blog.Data;
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
        // Saved before the readers come: a save drops the pages and the related notes' index.
        var together = new List<Post>();
        for (var attempt = 1; attempt <= 3; attempt++)
            together.Add(await app.AddPostAsync(new PostBuilder($"扩散模型 同时十二位读者 {attempt}").WithTags("扩散").WithMarkdown(Note)));
        var client = app.CreateClient();
        await client.GetStringAsync("/"); // the site's first answer reads its settings: not part of a render

        app.Counter.Reset();
        var page = await client.GetStringAsync($"/posts/{alone.Slug}");
        var oneRender = app.Counter.Count;
        Assert.Contains("katex", page);
        Assert.True(oneRender > 0, "The counter sees the SQL of a render.");

        // A save landing meanwhile (the site's own work after its start, on a busy machine) rightly
        // drops the pages being rendered, and the readers render again: measured again, with the next article.
        var cache = app.Services.GetRequiredService<PageCache>();
        foreach (var (article, attempt) in together.Select((post, i) => (post, i + 1)))
        {
            app.Counter.Reset();
            var generation = cache.Generation;
            var pages = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => client.GetStringAsync($"/posts/{article.Slug}")));
            Assert.All(pages, p => Assert.Contains("同时十二位读者", p));
            if (cache.Generation != generation && attempt < together.Count)
                continue;
            Assert.True(app.Counter.Count <= oneRender + 2,
                $"12 readers at once ran {app.Counter.Count} SQL commands; one render runs {oneRender} (the cache was emptied {cache.Generation - generation} times meanwhile)");
            break;
        }
    }
}
