using System.Net;
using AngleSharp.Html.Dom;
using Blog.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Blog.Tests.Pages.Admin.Tags;

public class DeleteTests(BlogAppFactory app) : IClassFixture<BlogAppFactory>
{
    [Fact]
    public async Task Delete_AfterConfirming_TakesTheTagOffItsPostsAndKeepsThePosts()
    {
        var n = TaxonomyData.Unique();
        var first = await app.AddPostAsync(new PostBuilder($"标签删除 一 {n}").WithTags($"过时-{n}", $"保留-{n}"));
        var second = await app.AddPostAsync(new PostBuilder($"标签删除 二 {n}").WithTags($"过时-{n}"));
        var id = await app.WithDbAsync(db => db.Tags.Where(t => t.Name == $"过时-{n}").Select(t => t.Id).SingleAsync());
        var client = await app.SignedInClientAsync();

        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/tag/" + Uri.EscapeDataString($"过时-{n}"))).StatusCode); // now cached
        var confirmation = await client.GetDocumentAsync($"/admin/tags/{id}/delete");
        Assert.Contains("它会从 2 篇文章上移除；文章本身保留。", confirmation.QuerySelector(".confirm-question")!.TextContent);

        var response = await client.SubmitFormAsync($"/admin/tags/{id}/delete", "main form", button: "删除标签");

        Assert.Equal($"已删除标签“过时-{n}”，并从 2 篇文章上移除。", (await client.FollowAsync(response)).Status());
        var tags = await app.WithDbAsync(db => db.Posts.Where(p => p.Id == first.Id || p.Id == second.Id)
            .OrderBy(p => p.Id).Select(p => p.Tags.Select(t => t.Name).ToList()).ToListAsync());
        Assert.Equal([[$"保留-{n}"], []], tags);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync("/tag/" + Uri.EscapeDataString($"过时-{n}"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync($"/posts/{second.Slug}")).StatusCode);
    }

    [Fact]
    public async Task Delete_ATagAlreadyGone_404sOrSaysSo()
    {
        var n = TaxonomyData.Unique();
        var tag = await app.AddTagAsync($"删两次 {n}", $"twice-{n}");
        var client = await app.SignedInClientAsync();
        var confirmation = await client.GetDocumentAsync($"/admin/tags/{tag.Id}/delete");
        confirmation.Location.Href = $"http://localhost/admin/tags/{tag.Id}/delete";
        var form = (IHtmlFormElement)confirmation.QuerySelector("main form")!;

        await client.SubmitAsync(form);
        var again = await client.SubmitAsync(form);

        Assert.Equal("这个标签已经删除了。", (await client.FollowAsync(again)).Status());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/admin/tags/{tag.Id}/delete")).StatusCode);
    }
}
