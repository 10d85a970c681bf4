using System.Net;
using Blog.Posts;
using Blog.Tests.Import;
using Blog.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Blog.Tests.Pages.Posts;

/// <summary>
/// One rule for slugs and case, everywhere: a slug is unique whatever its case, kept as given, and
/// any other casing of it answers 301 to the stored one; no casing is ever served another's page.
/// </summary>
public class SlugCaseTests(BlogAppFactory app) : IClassFixture<BlogAppFactory>
{
    private HttpClient Reader() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private static string Id() => Guid.NewGuid().ToString("N")[..6];

    [Fact]
    public async Task TwoSlugsDifferingOnlyInCase_FromBeforeTheRule_EachKeepItsOwnPage()
    {
        // A database from before the rule may hold both; the cache folded case and served one for the other.
        var id = Id();
        await app.AddPostAsync(new PostBuilder($"大写 {id}").WithSlug($"Mixed-{id}"));
        await app.AddPostAsync(new PostBuilder($"小写 {id}").WithSlug($"mixed-{id}"));
        var reader = Reader();

        var upper = await reader.GetDocumentAsync($"/posts/Mixed-{id}");
        var lower = await reader.GetDocumentAsync($"/posts/mixed-{id}");

        Assert.Equal($"大写 {id}", upper.QuerySelector("h1")?.TextContent.Trim());
        Assert.Equal($"小写 {id}", lower.QuerySelector("h1")?.TextContent.Trim());
    }

    [Fact]
    public async Task AnotherCasing_Answers301ToTheStoredSlug_EvenAfterTheStoredOneWasCached()
    {
        var id = Id();
        await app.AddPostAsync(new PostBuilder($"注意力机制 {id}").WithSlug($"Attention-{id}"));
        var reader = Reader();

        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/posts/Attention-{id}")).StatusCode);
        foreach (var casing in new[] { $"attention-{id}", $"ATTENTION-{id}" })
        {
            var response = await reader.GetAsync($"/posts/{casing}");
            Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
            Assert.Equal($"/posts/Attention-{id}", response.Headers.Location?.OriginalString);
        }
    }

    [Fact]
    public async Task TheEditor_RefusesASlugTakenInAnotherCase()
    {
        var id = Id();
        await app.AddPostAsync(new PostBuilder($"已有 {id}").WithSlug($"LoRA-{id}"));
        var client = await app.SignedInClientAsync();

        var response = await client.SubmitFormAsync("/admin/posts/new", Infrastructure.Editor.Form,
            Infrastructure.Editor.Fields($"新的 {id}", "低秩适配 $W = W_0 + BA$。", slug: $"lora-{id}"), "立即发布");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"已被另一篇文章“已有 {id}”使用", (await response.ReadDocumentAsync()).DocumentElement.TextContent);
    }

    [Fact]
    public async Task AnImport_GivesANoteWhoseSlugIsTakenInAnotherCase_ASlugOfItsOwn()
    {
        var id = Id();
        await app.AddPostAsync(new PostBuilder($"原有 {id}").WithSlug($"Diffusion-{id}"));
        using var notes = new NoteFolder();
        notes.Write("扩散.md", $"---\ntitle: 扩散模型 {id}\nslug: diffusion-{id}\n---\n去噪扩散概率模型。\n");

        await app.ImportAsync(notes.Root);

        var reader = Reader();
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/posts/diffusion-{id}-2")).StatusCode);
        var original = await reader.GetDocumentAsync($"/posts/Diffusion-{id}");
        Assert.Equal($"原有 {id}", original.QuerySelector("h1")?.TextContent.Trim());
    }

    [Fact]
    public async Task ALongSlugTakenInAnotherCase_IsNumberedWithinTheSlugsLength_ByTheEditorAndTheImportAlike()
    {
        var id = Id();
        var slug = $"Long-{id}-" + new string('x', 200 - 6 - id.Length);
        await app.AddPostAsync(new PostBuilder($"长别名 {id}").WithSlug(slug));
        using var notes = new NoteFolder();
        notes.Write("长.md", $"---\ntitle: 导入的长别名 {id}\nslug: {slug.ToLowerInvariant()}\n---\n正文。\n");

        await app.ImportAsync(notes.Root);
        var fromEditor = await app.WithDbAsync(db => db.UniqueAsync(slug.ToUpperInvariant(), 0, CancellationToken.None));

        var imported = await app.WithDbAsync(db => db.Posts.Where(p => p.Title == $"导入的长别名 {id}").Select(p => p.Slug).SingleAsync());
        Assert.Equal(slug.ToLowerInvariant()[..198] + "-2", imported);
        Assert.Equal(HttpStatusCode.OK, (await Reader().GetAsync("/posts/" + imported)).StatusCode);
        Assert.Equal(slug.ToUpperInvariant()[..198] + "-3", fromEditor); // -2 is the import's now
    }

    [Fact]
    public async Task ASlugTakenSixtyTimes_IsNumberedWithTheFirstFreeNumber_InAnyCase()
    {
        // The candidates are looked up a few dozen at a time: the first free one may be past the first lot.
        var id = Id();
        await app.AddPostAsync(new PostBuilder($"笔记 {id}").WithSlug($"Note-{id}"));
        foreach (var n in Enumerable.Range(2, 60).Where(n => n != 57))
            await app.AddPostAsync(new PostBuilder($"笔记 {id} {n}").WithSlug(n % 2 == 0 ? $"note-{id}-{n}" : $"NOTE-{id}-{n}"));

        Assert.Equal($"note-{id}-57", await app.WithDbAsync(db => db.UniqueAsync($"note-{id}", 0, CancellationToken.None)));
        await app.AddPostAsync(new PostBuilder($"笔记 {id} 57").WithSlug($"Note-{id}-57"));
        Assert.Equal($"Note-{id}-62", await app.WithDbAsync(db => db.UniqueAsync($"Note-{id}", 0, CancellationToken.None)));
    }

    [Fact]
    public async Task ACategoryInAnotherCase_Answers301_AndSoDoesItsFeed()
    {
        var reader = Reader();

        var page = await reader.GetAsync("/category/Python");
        var feed = await reader.GetAsync("/category/PYTHON/feed.xml");

        Assert.Equal(HttpStatusCode.MovedPermanently, page.StatusCode);
        Assert.Equal("/category/python", page.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.MovedPermanently, feed.StatusCode);
        Assert.Equal("/category/python/feed.xml", feed.Headers.Location?.OriginalString);
    }
}
