using System.Net;
using AngleSharp.Html.Dom;
using Blog.Data;
using Blog.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Blog.Tests.Pages.Admin.Tags;

public class EditTests(BlogAppFactory app) : IClassFixture<BlogAppFactory>
{
    private HttpClient Reader() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private static Task<HttpResponseMessage> SaveAsync(HttpClient client, int id, Dictionary<string, string> values, string? button = null) =>
        client.SubmitFormAsync($"/admin/tags/{id}", "form.admin-form", values, button);

    private Task<int> TagIdAsync(string name) => app.WithDbAsync(db => db.Tags.Where(t => t.Name == name).Select(t => t.Id).SingleAsync());

    private Task<List<string>> TagsOfAsync(Post post) => app.WithDbAsync(db =>
        db.Posts.Where(p => p.Id == post.Id).SelectMany(p => p.Tags).Select(t => t.Name).OrderBy(t => t).ToListAsync());

    [Fact]
    public async Task Rename_TheSlugFollowsAndTheOldAddressRedirects()
    {
        var n = TaxonomyData.Unique();
        var post = await app.AddPostAsync(new PostBuilder($"卷积 {n}").WithTags($"CNN {n}"));
        var id = await TagIdAsync($"CNN {n}");
        var client = await app.SignedInClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await Reader().GetAsync($"/tag/cnn-{n}")).StatusCode); // now cached

        var response = await SaveAsync(client, id, new() { ["Input.Name"] = $"卷积网络 {n}" });

        Assert.Equal($"已保存标签“卷积网络 {n}”；/tag/cnn-{n} 现在重定向到 /tag/卷积网络-{n}。", (await client.FollowAsync(response)).Status());
        var old = await Reader().GetAsync($"/tag/cnn-{n}");
        Assert.Equal(HttpStatusCode.MovedPermanently, old.StatusCode);
        Assert.Equal("/tag/" + Uri.EscapeDataString($"卷积网络-{n}"), old.Headers.Location?.OriginalString);
        var page = await app.CreateClient().GetDocumentAsync(old.Headers.Location!.OriginalString);
        Assert.Equal($"#卷积网络 {n}", page.QuerySelector("h1")?.TextContent);
        Assert.Contains(post.Title, page.QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task Rename_WithoutAName_IsRefusedAndKeepsTheSlugTyped()
    {
        var n = TaxonomyData.Unique();
        var tag = await app.AddTagAsync($"循环网络 {n}", $"rnn-{n}");
        var client = await app.SignedInClientAsync();

        var response = await SaveAsync(client, tag.Id, new() { ["Input.Name"] = "", ["Input.Slug"] = $"typed-{n}" });
        var page = await response.ReadDocumentAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("请输入名称。", page.QuerySelector(".field-error")?.TextContent);
        Assert.Equal($"typed-{n}", page.QuerySelector("input[name='Input.Slug']")?.GetAttribute("value"));
        Assert.Equal($"rnn-{n}", await app.WithDbAsync(db => db.Tags.Where(t => t.Id == tag.Id).Select(t => t.Slug).SingleAsync()));
    }

    [Fact]
    public async Task Rename_ToASlugAnotherTagHas_IsRefused()
    {
        var n = TaxonomyData.Unique();
        var tag = await app.AddTagAsync($"长短期记忆 {n}", $"lstm-{n}");
        await app.AddTagAsync($"门控循环单元 {n}", $"gru-{n}");
        var client = await app.SignedInClientAsync();

        var response = await SaveAsync(client, tag.Id, new() { ["Input.Slug"] = $"gru-{n}" });
        var page = await response.ReadDocumentAsync();

        Assert.Equal($"别名“gru-{n}”已被标签“门控循环单元 {n}”使用。", page.QuerySelector("[data-valmsg-for='Input.Slug']")?.TextContent);
        Assert.Equal($"gru-{n}", page.QuerySelector("input[name='Input.Slug']")?.GetAttribute("value"));
        Assert.Equal($"lstm-{n}", await app.WithDbAsync(db => db.Tags.Where(t => t.Id == tag.Id).Select(t => t.Slug).SingleAsync()));
    }

    [Fact]
    public async Task Rename_ToAnotherTagsName_OffersAMergeThatMovesThePosts()
    {
        var n = TaxonomyData.Unique();
        var onlyOld = await app.AddPostAsync(new PostBuilder($"只有旧标签 {n}").WithTags($"深度学习 {n}"));
        var both = await app.AddPostAsync(new PostBuilder($"两个标签 {n}").WithTags($"深度学习 {n}", $"DL {n}"));
        var onlyNew = await app.AddPostAsync(new PostBuilder($"只有新标签 {n}").WithTags($"DL {n}"));
        var from = await TagIdAsync($"深度学习 {n}");
        var into = await TagIdAsync($"DL {n}");
        var client = await app.SignedInClientAsync();

        var refused = await SaveAsync(client, from, new() { ["Input.Name"] = $"dl {n}" });
        var page = await refused.ReadDocumentAsync();
        Assert.Equal($"已经有名为“DL {n}”的标签。请合并两者，或换个名称。", page.QuerySelector(".field-error")?.TextContent);
        Assert.Equal(2, await app.WithDbAsync(db => db.Tags.CountAsync(t => t.Id == from || t.Id == into)));

        page.Location.Href = $"http://localhost/admin/tags/{from}";
        var merged = await client.SubmitAsync((IHtmlFormElement)page.QuerySelector("form.admin-form")!, button: $"合并到“DL {n}”");

        Assert.Equal($"已把“深度学习 {n}”合并到“DL {n}”：它的文章现在带有“DL {n}”，/tag/深度学习-{n} 重定向到 /tag/dl-{n}。",
            (await client.FollowAsync(merged)).Status());
        Assert.False(await app.WithDbAsync(db => db.Tags.AnyAsync(t => t.Id == from)));
        Assert.Equal([$"DL {n}"], await TagsOfAsync(onlyOld));
        Assert.Equal([$"DL {n}"], await TagsOfAsync(both));
        Assert.Equal([$"DL {n}"], await TagsOfAsync(onlyNew));
        var old = await Reader().GetAsync("/tag/" + Uri.EscapeDataString($"深度学习-{n}"));
        Assert.Equal(HttpStatusCode.MovedPermanently, old.StatusCode);
        Assert.Equal($"/tag/dl-{n}", old.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task MergingTwice_KeepsEveryOldAddressWorking()
    {
        var n = TaxonomyData.Unique();
        var a = await app.AddTagAsync($"甲 {n}", $"a-{n}");
        var b = await app.AddTagAsync($"乙 {n}", $"b-{n}");
        var c = await app.AddTagAsync($"丙 {n}", $"c-{n}");
        var client = await app.SignedInClientAsync();

        await SaveAsync(client, a.Id, new() { ["Input.Name"] = $"乙 {n}", ["Input.MergeInto"] = b.Id.ToString() });
        await SaveAsync(client, b.Id, new() { ["Input.Name"] = $"丙 {n}", ["Input.MergeInto"] = c.Id.ToString() });

        foreach (var slug in new[] { $"a-{n}", $"b-{n}" })
        {
            var old = await Reader().GetAsync($"/tag/{slug}");
            Assert.Equal($"/tag/c-{n}", old.Headers.Location?.OriginalString);
        }
    }

    [Fact]
    public async Task ATagThatIsGone_404sAndAStaleFormSaysSo()
    {
        var n = TaxonomyData.Unique();
        var tag = await app.AddTagAsync($"消失的标签 {n}", $"vanished-{n}");
        var client = await app.SignedInClientAsync();
        var form = await client.GetDocumentAsync($"/admin/tags/{tag.Id}");
        await app.WithDbAsync(db => db.Tags.Where(t => t.Id == tag.Id).ExecuteDeleteAsync());

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/admin/tags/{tag.Id}")).StatusCode);
        form.Location.Href = $"http://localhost/admin/tags/{tag.Id}";
        var response = await client.SubmitAsync((IHtmlFormElement)form.QuerySelector("form.admin-form")!);
        Assert.Equal("这个标签已不存在，没有保存任何内容。", (await client.FollowAsync(response)).Status());
    }
}
