using System.Net;
using Blog.Data;
using Blog.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Blog.Tests.Pages.Admin.Categories;

public class EditTests(BlogAppFactory app) : IClassFixture<BlogAppFactory>
{
    private static HttpClient Reader(BlogAppFactory app) =>
        app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private static Task<HttpResponseMessage> SaveAsync(HttpClient client, int id, Dictionary<string, string> values) =>
        client.SubmitFormAsync($"/admin/categories/{id}", "form.admin-form", values);

    private Task<Category> ReloadAsync(int id) => app.WithDbAsync(db => db.Categories.AsNoTracking().SingleAsync(c => c.Id == id));

    [Fact]
    public async Task Rename_TheSlugFollowsTheName_AndTheOldAddressRedirects()
    {
        var n = TaxonomyData.Unique();
        var category = await app.AddCategoryAsync($"深度学习 {n}", $"深度学习-{n}");
        var post = await app.AddPostAsync(new PostBuilder($"反向传播 {n}").InCategory(category.Slug));
        var client = await app.SignedInClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await Reader(app).GetAsync("/category/" + Uri.EscapeDataString($"深度学习-{n}"))).StatusCode); // now cached

        var response = await SaveAsync(client, category.Id, new() { ["Input.Name"] = $"神经网络 {n}" });

        Assert.Equal($"已保存分类“神经网络 {n}”；/category/深度学习-{n} 现在重定向到 /category/神经网络-{n}。",
            (await client.FollowAsync(response)).Status());
        var old = await Reader(app).GetAsync("/category/" + Uri.EscapeDataString($"深度学习-{n}"));
        Assert.Equal(HttpStatusCode.MovedPermanently, old.StatusCode);
        Assert.Equal("/category/" + Uri.EscapeDataString($"神经网络-{n}"), old.Headers.Location?.OriginalString);
        var page = await app.CreateClient().GetDocumentAsync(old.Headers.Location!.OriginalString);
        Assert.Equal($"神经网络 {n}", page.QuerySelector("h1")?.TextContent);
        Assert.Contains(post.Title, page.QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task Rename_WithATypedSlug_UsesIt()
    {
        var n = TaxonomyData.Unique();
        var category = await app.AddCategoryAsync($"计算机视觉 {n}", $"cv-{n}");
        var client = await app.SignedInClientAsync();

        await SaveAsync(client, category.Id, new() { ["Input.Name"] = $"视觉 {n}", ["Input.Slug"] = $"vision-{n}" });

        Assert.Equal($"vision-{n}", (await ReloadAsync(category.Id)).Slug);
        var old = await Reader(app).GetAsync($"/category/cv-{n}");
        Assert.Equal($"/category/vision-{n}", old.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task EditingOnlyTheDescription_KeepsAHandMadeSlug()
    {
        var n = TaxonomyData.Unique();
        var category = await app.AddCategoryAsync($"Large Language Model {n}", $"llm-{n}");
        var client = await app.SignedInClientAsync();

        await SaveAsync(client, category.Id, new() { ["Input.Description"] = "预训练、对齐与推理。" });

        var saved = await ReloadAsync(category.Id);
        Assert.Equal($"llm-{n}", saved.Slug);
        Assert.Equal("预训练、对齐与推理。", saved.Description);
        Assert.False(await app.WithDbAsync(db => db.SlugRedirects.AnyAsync(r => r.Kind == RedirectKind.Category && r.TargetId == category.Id)));
    }

    [Fact]
    public async Task RenamingBack_TheLiveSlugStopsRedirecting()
    {
        var n = TaxonomyData.Unique();
        var category = await app.AddCategoryAsync($"优化器 {n}", $"优化器-{n}");
        var client = await app.SignedInClientAsync();

        await SaveAsync(client, category.Id, new() { ["Input.Name"] = $"优化算法 {n}" });
        await SaveAsync(client, category.Id, new() { ["Input.Name"] = $"优化器 {n}" });

        var redirects = await app.WithDbAsync(db => db.SlugRedirects.Where(r => r.Kind == RedirectKind.Category && r.TargetId == category.Id)
            .Select(r => r.Slug).ToListAsync());
        Assert.Equal([$"优化算法-{n}"], redirects);
        var reader = Reader(app);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/category/" + Uri.EscapeDataString($"优化器-{n}"))).StatusCode);
        Assert.Equal(HttpStatusCode.MovedPermanently, (await reader.GetAsync("/category/" + Uri.EscapeDataString($"优化算法-{n}"))).StatusCode);
    }

    [Theory]
    [InlineData("", "", "请输入名称。")]
    [InlineData("Python", "", "已经有名为“Python”的分类。")]
    [InlineData("蟒蛇 {n}", "python", "别名“python”已被分类“Python”使用。")]
    public async Task Rename_ToSomethingEmptyOrTaken_IsRefusedAndKeepsWhatWasTyped(string name, string slug, string error)
    {
        var n = TaxonomyData.Unique();
        name = name.Replace("{n}", n);
        var category = await app.AddCategoryAsync($"自然语言处理 {n}", $"nlp-{n}");
        var client = await app.SignedInClientAsync();

        var response = await SaveAsync(client, category.Id, new() { ["Input.Name"] = name, ["Input.Slug"] = slug, ["Input.Description"] = "改过的描述" });
        var page = await response.ReadDocumentAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(error, page.QuerySelectorAll(".field-error").Select(e => e.TextContent));
        Assert.Equal(name, page.QuerySelector("input[name='Input.Name']")?.GetAttribute("value") ?? "");
        Assert.Equal("改过的描述", page.QuerySelector("textarea[name='Input.Description']")?.TextContent.Trim());
        var unchanged = await ReloadAsync(category.Id);
        Assert.Equal(($"自然语言处理 {n}", $"nlp-{n}", (string?)null), (unchanged.Name, unchanged.Slug, unchanged.Description));
    }

    [Fact]
    public async Task ACategoryThatIsGone_404sAndAStaleFormSaysSo()
    {
        var n = TaxonomyData.Unique();
        var category = await app.AddCategoryAsync($"将被删除 {n}", $"gone-{n}");
        var client = await app.SignedInClientAsync();
        var form = await client.GetDocumentAsync($"/admin/categories/{category.Id}");
        await app.WithDbAsync(db => db.Categories.Where(c => c.Id == category.Id).ExecuteDeleteAsync());

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/admin/categories/{category.Id}")).StatusCode);
        form.Location.Href = $"http://localhost/admin/categories/{category.Id}";
        var response = await client.SubmitAsync((AngleSharp.Html.Dom.IHtmlFormElement)form.QuerySelector("form.admin-form")!);
        Assert.Equal("这个分类已不存在，没有保存任何内容。", (await client.FollowAsync(response)).Status());
    }
}
