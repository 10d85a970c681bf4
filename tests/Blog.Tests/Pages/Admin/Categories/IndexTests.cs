using System.Net;
using AngleSharp.Dom;
using Blog.Data;
using Blog.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Blog.Tests.Pages.Admin.Categories;

public class IndexTests(BlogAppFactory app) : IClassFixture<BlogAppFactory>
{
    private static Dictionary<string, string> NewCategory(string name, string slug = "", string description = "") =>
        new() { ["Input.Name"] = name, ["Input.Slug"] = slug, ["Input.Description"] = description };

    private Task<HttpResponseMessage> CreateAsync(HttpClient client, Dictionary<string, string> values) =>
        client.SubmitFormAsync("/admin/categories", "form#new-category", values);

    private Task<Category?> FindAsync(string name) =>
        app.WithDbAsync(db => db.Categories.AsNoTracking().FirstOrDefaultAsync(c => c.Name == name));

    [Fact]
    public async Task Create_WithANameOnly_TakesTheSlugFromTheName()
    {
        var name = $"强化学习 RL {TaxonomyData.Unique()}";
        var client = await app.SignedInClientAsync();

        var response = await CreateAsync(client, NewCategory(name, description: "马尔可夫决策过程与策略梯度。"));
        var list = await client.FollowAsync(response);

        var category = await FindAsync(name);
        Assert.Equal(name.ToLowerInvariant().Replace(' ', '-'), category!.Slug);
        Assert.Contains($"已创建分类“{name}”", list.Status());
        Assert.Contains(list.QuerySelectorAll(".categories-table td a"), a => a.TextContent == name);
        var page = await app.CreateClient().GetDocumentAsync("/category/" + Uri.EscapeDataString(category.Slug));
        Assert.Equal(name, page.QuerySelector("h1")?.TextContent);
        Assert.Contains("马尔可夫决策过程与策略梯度。", page.QuerySelector(".list-description")?.TextContent);
    }

    [Fact]
    public async Task Create_WithASlug_UsesIt()
    {
        var slug = $"rl-{TaxonomyData.Unique()}";
        var client = await app.SignedInClientAsync();

        await CreateAsync(client, NewCategory($"强化学习笔记 {slug}", $" {slug} "));

        Assert.Equal(slug, (await FindAsync($"强化学习笔记 {slug}"))!.Slug);
    }

    [Fact]
    public async Task Create_WithoutAName_SaysSoAndKeepsWhatWasTyped()
    {
        var client = await app.SignedInClientAsync();

        var response = await CreateAsync(client, NewCategory("  ", "kept-slug", "保留的描述"));
        var page = await response.ReadDocumentAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("请输入名称。", page.QuerySelector("#new-category .field-error")?.TextContent);
        Assert.Equal("kept-slug", page.QuerySelector("input[name='Input.Slug']")?.GetAttribute("value"));
        Assert.Equal("保留的描述", page.QuerySelector("textarea[name='Input.Description']")?.TextContent.Trim());
        Assert.False(await app.WithDbAsync(db => db.Categories.AnyAsync(c => c.Slug == "kept-slug")));
    }

    [Theory]
    [InlineData("Python", "", "已经有名为“Python”的分类。")]
    [InlineData("PYTHON", "", "已经有名为“Python”的分类。")]
    [InlineData("蟒蛇", "python", "别名“python”已被分类“Python”使用。")]
    [InlineData("Python!", "", "由这个名称生成的别名“python”已被分类“Python”使用：请另填别名。")]
    public async Task Create_WithANameOrSlugAlreadyTaken_IsRefused(string name, string slug, string error)
    {
        var client = await app.SignedInClientAsync();
        var before = await app.WithDbAsync(db => db.Categories.CountAsync());

        var response = await CreateAsync(client, NewCategory(name, slug, "重复"));
        var page = await response.ReadDocumentAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(error, page.QuerySelectorAll("#new-category .field-error").Select(e => e.TextContent));
        Assert.Equal(name, page.QuerySelector("input[name='Input.Name']")?.GetAttribute("value"));
        Assert.Equal(before, await app.WithDbAsync(db => db.Categories.CountAsync()));
    }

    [Fact]
    public async Task Create_WithTheOldSlugOfAnother_TakesTheAddressOver()
    {
        var slug = $"old-{TaxonomyData.Unique()}";
        var renamed = await app.AddCategoryAsync($"改过名的分类 {slug}", slug + "-now");
        await app.WithDbAsync(db =>
        {
            db.SlugRedirects.Add(new SlugRedirect { Kind = RedirectKind.Category, Slug = slug, TargetId = renamed.Id });
            return db.SaveChangesAsync();
        });
        var client = await app.SignedInClientAsync();

        await CreateAsync(client, NewCategory($"新分类 {slug}", slug));

        Assert.False(await app.WithDbAsync(db => db.SlugRedirects.AnyAsync(r => r.Kind == RedirectKind.Category && r.Slug == slug)));
        var page = await app.CreateClient().GetDocumentAsync($"/category/{slug}");
        Assert.Equal($"新分类 {slug}", page.QuerySelector("h1")?.TextContent);
    }

    [Fact]
    public async Task List_CountsPostsNotInTheTrash()
    {
        var slug = $"count-{TaxonomyData.Unique()}";
        var category = await app.AddCategoryAsync($"计数分类 {slug}", slug);
        await app.AddPostAsync(new PostBuilder().InCategory(slug));
        await app.AddPostAsync(new PostBuilder().InCategory(slug).AsDraft());
        await app.AddPostAsync(new PostBuilder().InCategory(slug).Trashed());
        var client = await app.SignedInClientAsync();

        var page = await client.GetDocumentAsync("/admin/categories");

        var count = page.QuerySelector($"tr#category-{category.Id} td.number a")!;
        Assert.Equal("2", count.TextContent.Trim());
        Assert.Equal("1 篇已发布", count.GetAttribute("title"));
        Assert.Equal($"/admin/posts?category={slug}", count.GetAttribute("href"));
    }

    [Fact]
    public async Task MoveUpAndDown_ReorderTheCategories()
    {
        var client = await app.SignedInClientAsync();
        var first = $"顺序一 {TaxonomyData.Unique()}";
        var second = $"顺序二 {TaxonomyData.Unique()}";
        await CreateAsync(client, NewCategory(first));
        await CreateAsync(client, NewCategory(second));
        var secondId = (await FindAsync(second))!.Id;
        var firstId = (await FindAsync(first))!.Id;

        var up = await client.SubmitFormAsync("/admin/categories", $"tr#category-{secondId} form", button: "up");
        var page = await client.FollowAsync(up);

        List<string> Names(IDocument document) => document.QuerySelectorAll(".categories-table tbody tr")
            .Select(r => r.QuerySelectorAll("td")[1].TextContent.Trim()).ToList();
        Assert.Equal([second, first], Names(page).Where(n => n == first || n == second));
        Assert.NotNull(page.QuerySelector($"tr#category-{secondId} button[value=down]"));

        await client.SubmitFormAsync("/admin/categories", $"tr#category-{secondId} form", button: "down");

        Assert.Equal([first, second], Names(await client.GetDocumentAsync("/admin/categories")).Where(n => n == first || n == second));
        var orders = await app.WithDbAsync(db => db.Categories.OrderBy(c => c.Order).Select(c => c.Order).ToListAsync());
        Assert.Equal(orders.Count, orders.Distinct().Count());
        Assert.True((await FindAsync(first))!.Order < (await FindAsync(second))!.Order);
        Assert.Equal(firstId, (await FindAsync(first))!.Id);
    }

    [Fact]
    public async Task Move_ACategoryThatIsGone_SaysSo()
    {
        var client = await app.SignedInClientAsync();

        var response = await client.PostWithTokenAsync("/admin/categories?handler=Move", new Dictionary<string, string> { ["id"] = "987654", ["direction"] = "up" });

        Assert.Equal("这个分类已不存在。", (await client.FollowAsync(response)).Status());
    }

    [Fact]
    public async Task NamesWithHtml_AreShownAsText()
    {
        var name = $"<script>alert(1)</script> 分类 {TaxonomyData.Unique()}";
        var client = await app.SignedInClientAsync();

        var list = await client.FollowAsync(await CreateAsync(client, NewCategory(name, description: "<b>粗体</b>")));

        Assert.Contains(list.QuerySelectorAll(".categories-table td a"), a => a.TextContent == name);
        Assert.Contains(list.QuerySelectorAll(".categories-table td"), td => td.TextContent == "<b>粗体</b>");
        Assert.Empty(list.QuerySelectorAll("main script, main b"));
        var slug = (await FindAsync(name))!.Slug;
        var page = await app.CreateClient().GetDocumentAsync("/category/" + Uri.EscapeDataString(slug));
        Assert.Equal(name, page.QuerySelector("h1")?.TextContent);
        Assert.Empty(page.QuerySelectorAll("main script"));
    }
}
