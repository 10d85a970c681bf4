using Blog.Caching;
using Blog.Data;
using Blog.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Blog.Tests.Caching;

public class OutputCacheTests(BlogAppFactory app) : IClassFixture<BlogAppFactory>
{
    [Fact]
    public async Task PublicPages_AreServedFromTheCacheTheSecondTime()
    {
        var client = app.CreateClient();

        await client.GetAsync("/archive");
        var second = await client.GetAsync("/archive");

        Assert.True(second.Headers.Age.HasValue, "the second answer should come from the output cache");
    }

    [Fact]
    public async Task AfterAPublish_TheVeryNextRequestShowsIt_OnEveryPublicPage()
    {
        const string word = "蟾蜍缓存";
        var post = new PostBuilder($"缓存失效 {word}").InCategory("python").WithMarkdown($"关于{word}的笔记。").PublishedAt(DateTime.UtcNow.AddMinutes(-1));
        var urls = new[] { "/", $"/posts/{post.Slug}", "/category/python", "/feed.xml", "/atom.xml", "/category/python/feed.xml", "/sitemap.xml", "/search?q=" + Uri.EscapeDataString(word) };
        var client = app.CreateClient();
        foreach (var url in urls)
            await client.GetAsync(url); // prime the cache, the article's URL as a 404

        await app.AddPostAsync(post);

        foreach (var url in urls)
        {
            var body = await client.GetStringAsync(url);
            Assert.True(body.Contains(post.Slug) || body.Contains(post.Title), $"{url} still shows the old content");
        }
    }

    [Fact]
    public async Task SignedInAuthors_AlwaysSeeFreshPages()
    {
        var post = await app.AddPostAsync(new PostBuilder("作者视角 旧标题"));
        var reader = app.CreateClient();
        var author = await app.SignedInClientAsync("cache-author");
        await reader.GetAsync($"/posts/{post.Slug}");

        // Changed behind the app's back (no save through EF, so no eviction).
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("""UPDATE "Posts" SET "Title" = '作者视角 新标题' WHERE "Id" = {0}""", post.Id));

        Assert.Contains("作者视角 旧标题", await reader.GetStringAsync($"/posts/{post.Slug}"));
        Assert.Contains("作者视角 新标题", await author.GetStringAsync($"/posts/{post.Slug}"));
    }
}
