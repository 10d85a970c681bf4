using System.Net;
using AngleSharp.Html.Dom;
using Blog.Data;
using Blog.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Blog.Tests.Pages.Admin.Categories;

public class DeleteTests(BlogAppFactory app) : IClassFixture<BlogAppFactory>
{
    private HttpClient Reader() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private Task<int?[]> CategoriesOfAsync(params Post[] posts) => app.WithDbAsync(db =>
        db.Posts.Where(p => posts.Select(x => x.Id).Contains(p.Id)).OrderBy(p => p.Id).Select(p => p.CategoryId).ToArrayAsync());

    [Fact]
    public async Task Delete_ACategoryWithoutPosts_AfterConfirming()
    {
        var n = TaxonomyData.Unique();
        var category = await app.AddCategoryAsync($"空分类 {n}", $"empty-{n}");
        var client = await app.SignedInClientAsync();

        var confirmation = await client.GetDocumentAsync($"/admin/categories/{category.Id}/delete");
        Assert.Contains("它没有文章。", confirmation.QuerySelector(".confirm-question")?.TextContent);
        Assert.Null(confirmation.QuerySelector("select"));

        var response = await client.SubmitFormAsync($"/admin/categories/{category.Id}/delete", "main form", button: "删除分类");

        Assert.Equal($"已删除分类“空分类 {n}”。", (await client.FollowAsync(response)).Status());
        Assert.Equal(HttpStatusCode.NotFound, (await Reader().GetAsync($"/category/empty-{n}")).StatusCode);
    }

    [Fact]
    public async Task Delete_ACategoryWithPosts_MovesThemWhereTheAuthorChose()
    {
        var n = TaxonomyData.Unique();
        var doomed = await app.AddCategoryAsync($"待合并 {n}", $"merge-from-{n}");
        var target = await app.AddCategoryAsync($"合并目标 {n}", $"merge-to-{n}");
        var live = await app.AddPostAsync(new PostBuilder($"待迁移 {n}").InCategory(doomed.Slug));
        var trashed = await app.AddPostAsync(new PostBuilder($"回收站里的 {n}").InCategory(doomed.Slug).Trashed());
        var client = await app.SignedInClientAsync();

        await Reader().GetAsync($"/category/merge-from-{n}"); // both pages now cached
        await Reader().GetAsync($"/category/merge-to-{n}");
        var confirmation = await client.GetDocumentAsync($"/admin/categories/{doomed.Id}/delete");
        Assert.Contains("它有 2 篇文章（1 篇在回收站）。", confirmation.QuerySelector(".confirm-question")!.TextContent);

        var response = await client.SubmitFormAsync($"/admin/categories/{doomed.Id}/delete", "main form",
            new Dictionary<string, string> { ["Input.MoveTo"] = target.Id.ToString() });

        Assert.Equal($"已删除分类“待合并 {n}”；它的 2 篇文章移到了“合并目标 {n}”，原地址也重定向到那里。",
            (await client.FollowAsync(response)).Status());
        Assert.Equal([target.Id, target.Id], await CategoriesOfAsync(live, trashed));
        var old = await Reader().GetAsync($"/category/merge-from-{n}");
        Assert.Equal(HttpStatusCode.MovedPermanently, old.StatusCode);
        Assert.Equal($"/category/merge-to-{n}", old.Headers.Location?.OriginalString);
        Assert.Contains(live.Title, (await app.CreateClient().GetDocumentAsync($"/category/merge-to-{n}")).QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task Delete_ACategoryWithPosts_CanLeaveThemWithoutACategory()
    {
        var n = TaxonomyData.Unique();
        var doomed = await app.AddCategoryAsync($"解散 {n}", $"dissolve-{n}");
        var post = await app.AddPostAsync(new PostBuilder($"无家可归 {n}").InCategory(doomed.Slug));
        var client = await app.SignedInClientAsync();
        await Reader().GetAsync($"/category/dissolve-{n}"); // now cached

        var response = await client.SubmitFormAsync($"/admin/categories/{doomed.Id}/delete", "main form",
            new Dictionary<string, string> { ["Input.MoveTo"] = "" });

        Assert.Equal($"已删除分类“解散 {n}”；它的 1 篇文章现在没有分类。",
            (await client.FollowAsync(response)).Status());
        Assert.Equal([null], await CategoriesOfAsync(post));
        Assert.Equal(HttpStatusCode.NotFound, (await Reader().GetAsync($"/category/dissolve-{n}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Reader().GetAsync($"/posts/{post.Slug}")).StatusCode);
    }

    [Fact]
    public async Task Delete_MovingPostsToACategoryDeletedMeanwhile_IsRefused()
    {
        var n = TaxonomyData.Unique();
        var doomed = await app.AddCategoryAsync($"源分类 {n}", $"source-{n}");
        var target = await app.AddCategoryAsync($"也被删除 {n}", $"also-gone-{n}");
        var post = await app.AddPostAsync(new PostBuilder($"留在原地 {n}").InCategory(doomed.Slug));
        var client = await app.SignedInClientAsync();
        var confirmation = await client.GetDocumentAsync($"/admin/categories/{doomed.Id}/delete");
        confirmation.Location.Href = $"http://localhost/admin/categories/{doomed.Id}/delete";
        await app.WithDbAsync(db => db.Categories.Where(c => c.Id == target.Id).ExecuteDeleteAsync());

        var response = await client.SubmitAsync((IHtmlFormElement)confirmation.QuerySelector("main form")!,
            new Dictionary<string, string> { ["Input.MoveTo"] = target.Id.ToString() });
        var page = await response.ReadDocumentAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("这个分类已不存在：请另选一个。", page.QuerySelector(".field-error")?.TextContent);
        Assert.Equal([doomed.Id], await CategoriesOfAsync(post));
    }

    [Fact]
    public async Task Delete_ACategoryAlreadyGone_404sOrSaysSo()
    {
        var n = TaxonomyData.Unique();
        var category = await app.AddCategoryAsync($"已删除 {n}", $"deleted-{n}");
        var client = await app.SignedInClientAsync();
        var confirmation = await client.GetDocumentAsync($"/admin/categories/{category.Id}/delete");
        confirmation.Location.Href = $"http://localhost/admin/categories/{category.Id}/delete";
        var form = (IHtmlFormElement)confirmation.QuerySelector("main form")!;

        await client.SubmitAsync(form);
        var again = await client.SubmitAsync(form);

        Assert.Equal("这个分类已经删除了。", (await client.FollowAsync(again)).Status());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/admin/categories/{category.Id}/delete")).StatusCode);
    }
}
