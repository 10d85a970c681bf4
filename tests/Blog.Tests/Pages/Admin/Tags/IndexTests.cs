using Blog.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Blog.Tests.Pages.Admin.Tags;

public class IndexTests(BlogAppFactory app) : IClassFixture<BlogAppFactory>
{
    [Fact]
    public async Task List_ShowsEachTagWithItsPostsOutsideTheTrash()
    {
        var n = TaxonomyData.Unique();
        await app.AddPostAsync(new PostBuilder().WithTags($"注意力-{n}", $"位置编码-{n}"));
        await app.AddPostAsync(new PostBuilder().WithTags($"注意力-{n}").AsDraft());
        await app.AddPostAsync(new PostBuilder().WithTags($"注意力-{n}").Trashed());
        var id = await app.WithDbAsync(db => db.Tags.Where(t => t.Name == $"注意力-{n}").Select(t => t.Id).SingleAsync());
        var client = await app.SignedInClientAsync();

        var page = await client.GetDocumentAsync("/admin/tags");

        var row = page.QuerySelector($"tr#tag-{id}")!;
        Assert.Equal($"注意力-{n}", row.QuerySelector("td a")!.TextContent);
        Assert.Equal("2", row.QuerySelector("td.number")!.TextContent);
        Assert.Equal($"/admin/tags/{id}", row.QuerySelector("td a")!.GetAttribute("href"));
        Assert.Equal("/tag/" + Uri.EscapeDataString($"注意力-{n}"), row.QuerySelector("a.slug")!.GetAttribute("href"));
    }

    [Fact]
    public async Task NamesWithHtml_AreShownAsText()
    {
        var name = $"<script>alert(1)</script>{TaxonomyData.Unique()}";
        await app.AddPostAsync(new PostBuilder().WithTags(name));
        var client = await app.SignedInClientAsync();

        var page = await client.GetDocumentAsync("/admin/tags");

        Assert.Contains(page.QuerySelectorAll(".tags-table td a"), a => a.TextContent == name);
        Assert.Empty(page.QuerySelectorAll("main script"));
    }
}
