using Blog.Data;
using Blog.Import;
using Blog.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Blog.Tests.Import;

public class ReimportTests(BlogAppFactory app) : IClassFixture<BlogAppFactory>
{
    // Keys are paths relative to the import root, and a SourceKey is unique in the database: each
    // test keeps its notes under a folder of its own so that tests never match each other's posts.
    private NoteFolder ThreeNotes()
    {
        var notes = new NoteFolder();
        string Key(string path) => $"{notes.Id}/{path}";
        notes.WriteBytes(Key("assets/image-1.png"), TestPng.Create(10, 20, (byte)Random.Shared.Next(256), size: 7));
        notes.Write(Key("attention.md"), StudyNotes.WithFrontMatter($"title: 注意力 {notes.Id}\ndate: 2024-05-10 09:16:24\ntags: [Transformer]\ncategories: Large Model",
            StudyNotes.Body + "\n\n![image-1](assets/image-1.png)"));
        notes.Write(Key("python/装饰器.md"), $"# 装饰器 {notes.Id}\n\n```python\ndef deco(f):\n    return f\n```\n");
        notes.Write(Key("vae.md"), StudyNotes.WithFrontMatter($"title: VAE {notes.Id}\ndate: 2024-04-01\ndraft: true", "ELBO: $\\log p(x) \\ge \\mathbb{{E}}_q[\\log p(x|z)] - KL(q||p)$"));
        return notes;
    }

    private Task<int> PostCountAsync(NoteFolder notes) =>
        app.WithDbAsync(db => db.Posts.CountAsync(p => p.Title.EndsWith(notes.Id)));

    [Fact]
    public async Task Reimport_UnchangedFolder_SkipsEveryNote()
    {
        using var notes = ThreeNotes();
        var first = await app.ImportAsync(notes.Root);
        var mediaCount = await app.WithDbAsync(db => db.Media.CountAsync());

        var second = await app.ImportAsync(notes.Root);

        Assert.Equal(3, first.Count(ImportOutcome.Imported));
        Assert.Equal("0 imported, 0 updated, 3 skipped, 0 failed", second.Summary);
        Assert.Equal(3, await PostCountAsync(notes));
        Assert.Equal(mediaCount, await app.WithDbAsync(db => db.Media.CountAsync()));
    }

    [Fact]
    public async Task Reimport_AfterEditingOneNote_UpdatesItAndKeepsARevision()
    {
        using var notes = ThreeNotes();
        await app.ImportAsync(notes.Root);
        var before = await app.WithDbAsync(db => db.Posts.AsNoTracking().SingleAsync(p => p.SourceKey!.EndsWith("/" + $"{notes.Id}/python/装饰器.md")));

        notes.Write($"{notes.Id}/python/装饰器.md", $"# 装饰器（修订） {notes.Id}\n\n```python\nimport functools\n```\n");
        var report = await app.ImportAsync(notes.Root);

        Assert.Equal("0 imported, 1 updated, 2 skipped, 0 failed", report.Summary);
        Assert.Equal(ImportOutcome.Updated, report.Item($"{notes.Id}/python/装饰器.md").Outcome);
        Assert.Equal(3, await PostCountAsync(notes));
        var after = await app.WithDbAsync(db => db.Posts.Include(p => p.Revisions).SingleAsync(p => p.Id == before.Id));
        Assert.Equal($"装饰器（修订） {notes.Id}", after.Title);
        Assert.Equal(before.Slug, after.Slug); // a new title does not move a published URL
        Assert.Contains("import functools", after.Markdown);
        var revision = Assert.Single(after.Revisions);
        Assert.Equal(before.Title, revision.Title);
        Assert.Equal(before.Markdown, revision.Markdown);
        // Dated as the editor dates a revision: when that text was saved, not when it was replaced.
        Assert.Equal(before.UpdatedAt, revision.SavedAt, TimeSpan.FromMilliseconds(1));
        Assert.NotEqual(before.Version, after.Version);
    }

    [Fact]
    public async Task Reimport_NoteWithoutDateWhoseFileTimeChanged_IsSkippedAndKeepsItsDate()
    {
        using var notes = ThreeNotes();
        await app.ImportAsync(notes.Root);
        var before = await app.WithDbAsync(db => db.Posts.AsNoTracking().SingleAsync(p => p.Title == $"装饰器 {notes.Id}"));

        File.SetLastWriteTimeUtc(Path.Combine(notes.Root, notes.Id, "python", "装饰器.md"), DateTime.UtcNow.AddDays(-30));
        var report = await app.ImportAsync(notes.Root);

        Assert.Equal(ImportOutcome.Skipped, report.Item($"{notes.Id}/python/装饰器.md").Outcome);
        var after = await app.WithDbAsync(db => db.Posts.AsNoTracking().SingleAsync(p => p.Id == before.Id));
        Assert.Equal(before.PublishedAt, after.PublishedAt);
    }

    [Fact]
    public async Task Reimport_WithANewSlug_MovesThePostAndRedirectsTheOldUrl()
    {
        using var notes = new NoteFolder();
        var key = $"{notes.Id}/moving.md";
        notes.Write(key, StudyNotes.WithFrontMatter($"title: 改名的笔记 {notes.Id}\nslug: old-{notes.Id}\ndate: 2024-01-01"));
        await app.ImportAsync(notes.Root);

        notes.Write(key, StudyNotes.WithFrontMatter($"title: 改名的笔记 {notes.Id}\nslug: new-{notes.Id}\ndate: 2024-01-01"));
        var moved = await app.ImportAsync(notes.Root);
        notes.Write(key, StudyNotes.WithFrontMatter($"title: 改名的笔记 {notes.Id}\nslug: old-{notes.Id}\ndate: 2024-01-01"));
        var movedBack = await app.ImportAsync(notes.Root);

        Assert.Equal(ImportOutcome.Updated, moved.Item(key).Outcome);
        Assert.Equal(ImportOutcome.Updated, movedBack.Item(key).Outcome);
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.GetAsync($"/posts/new-{notes.Id}");
        Assert.Equal(System.Net.HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal($"/posts/old-{notes.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync($"/posts/old-{notes.Id}")).StatusCode);
    }

    [Fact]
    public async Task Reimport_ChangedFrontMatterOnly_UpdatesTagsCategoryAndStatus()
    {
        using var notes = ThreeNotes();
        await app.ImportAsync(notes.Root);

        notes.Write($"{notes.Id}/vae.md", StudyNotes.WithFrontMatter($"title: VAE {notes.Id}\ndate: 2024-04-01\ncategories: Generative Model\ntags: [VAE, 变分推断]",
            "ELBO: $\\log p(x) \\ge \\mathbb{{E}}_q[\\log p(x|z)] - KL(q||p)$"));
        var report = await app.ImportAsync(notes.Root);

        Assert.Equal(ImportOutcome.Updated, report.Item($"{notes.Id}/vae.md").Outcome);
        var post = await app.WithDbAsync(db => db.Posts.Include(p => p.Category).Include(p => p.Tags).SingleAsync(p => p.SourceKey!.EndsWith("/" + $"{notes.Id}/vae.md")));
        Assert.Equal(PostStatus.Published, post.Status);
        Assert.Equal(new DateTime(2024, 4, 1, 0, 0, 0, DateTimeKind.Utc), post.PublishedAt);
        Assert.Equal("generative-model", post.Category?.Slug);
        Assert.Equal(["vae", "变分推断"], post.Tags.Select(t => t.Slug).Order());
    }
}
