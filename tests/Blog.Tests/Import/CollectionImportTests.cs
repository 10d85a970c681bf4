using Blog.Data;
using Blog.Import;
using Blog.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Blog.Tests.Import;

/// <summary>Collections of notes as docsify, GitBook and Obsidian users keep them: books side by side, README chapters, navigation files, dry runs.</summary>
public class CollectionImportTests(BlogAppFactory app) : IClassFixture<BlogAppFactory>
{
    private Task<List<Post>> PostsUnderAsync(string id) =>
        app.WithDbAsync(db => db.Posts.AsNoTracking().Where(p => p.SourceKey!.Contains(id)).OrderBy(p => p.SourceKey).ToListAsync());

    [Fact]
    public async Task TwoBooksWithTheSameChapterPaths_GiveTwoPostsEach_AndReimportingOneTouchesOnlyIt()
    {
        using var notes = new NoteFolder();
        notes.Write($"{notes.Id}/强化学习/chapter1/chapter1.md", $"# 第一章 马尔可夫决策过程 {notes.Id}\n\n状态$s$与动作$a$。\n");
        notes.Write($"{notes.Id}/大模型/chapter1/chapter1.md", $"# 第一章 语言模型 {notes.Id}\n\n概率$p(x)$。\n");

        var first = await app.ImportAsync(Path.Combine(notes.Root, notes.Id, "强化学习"));
        var second = await app.ImportAsync(Path.Combine(notes.Root, notes.Id, "大模型"));
        var again = await app.ImportAsync(Path.Combine(notes.Root, notes.Id, "强化学习"));

        Assert.Equal(ImportOutcome.Imported, first.Item("chapter1/chapter1.md").Outcome);
        Assert.Equal(ImportOutcome.Imported, second.Item("chapter1/chapter1.md").Outcome);
        Assert.Equal(ImportOutcome.Skipped, again.Item("chapter1/chapter1.md").Outcome);
        var titles = (await app.WithDbAsync(db => db.Posts.Where(p => p.Title.Contains(notes.Id)).Select(p => p.Title).ToListAsync())).Order();
        Assert.Equal([$"第一章 语言模型 {notes.Id}", $"第一章 马尔可夫决策过程 {notes.Id}"], titles);
    }

    [Fact]
    public async Task ABooksChapters_OfOneFileTime_FollowEachOtherInPreviousAndNext_Chapter2BeforeChapter10()
    {
        using var notes = new NoteFolder();
        var book = Path.Combine(notes.Root, $"book-{notes.Id}");
        var checkedOut = new DateTime(2024, 3, 1, 8, 0, 0, DateTimeKind.Utc); // a checkout gives every file one time
        foreach (var n in new[] { 1, 2, 9, 10, 11 })
            File.SetLastWriteTimeUtc(notes.Write($"book-{notes.Id}/chapter{n}/chapter{n}.md", $"# 第{n}章 {notes.Id}\n\n第{n}章的内容。\n"), checkedOut);

        await app.ImportAsync(book);

        var reader = app.CreateClient();
        async Task<string?> NextOf(int n)
        {
            var slug = await app.WithDbAsync(db => db.Posts.Where(p => p.Title == $"第{n}章 {notes.Id}").Select(p => p.Slug).SingleAsync());
            var page = await reader.GetDocumentAsync("/posts/" + Uri.EscapeDataString(slug));
            return page.QuerySelector("a[rel=next]")?.TextContent;
        }
        Assert.EndsWith($"第2章 {notes.Id}", await NextOf(1));
        Assert.EndsWith($"第10章 {notes.Id}", await NextOf(9));
        Assert.EndsWith($"第11章 {notes.Id}", await NextOf(10));
    }

    [Fact]
    public async Task ReadmeChapters_TakeTitlesAndSlugsFromTheirHeadings_AndNavigationFilesAreNotPosts()
    {
        using var notes = new NoteFolder();
        var book = Path.Combine(notes.Root, $"book-{notes.Id}");
        notes.Write($"book-{notes.Id}/CH01/README.md", $"## 线性回归 {notes.Id} {{docsify-ignore}}\n\n最小二乘。\n");
        notes.Write($"book-{notes.Id}/CH02/README.md", $"# 逻辑回归 {notes.Id}\n\n交叉熵。\n");
        notes.Write($"book-{notes.Id}/CH03/readme.md", "没有标题的一章。\n");
        notes.Write($"book-{notes.Id}/_sidebar.md", "- [第一章](CH01/README.md)\n");
        notes.Write($"book-{notes.Id}/SUMMARY.md", "* [第二章](CH02/README.md)\n");

        var report = await app.ImportAsync(book);

        var posts = await PostsUnderAsync($"book-{notes.Id}/");
        Assert.Equal([$"线性回归 {notes.Id}", $"逻辑回归 {notes.Id}", "CH03"], posts.Select(p => p.Title));
        Assert.All(posts, p => Assert.DoesNotContain("readme", p.Slug));
        Assert.Equal($"线性回归-{notes.Id}", posts[0].Slug);
        Assert.Equal(ImportOutcome.Skipped, report.Item("_sidebar.md").Outcome);
        Assert.Equal(ImportOutcome.Skipped, report.Item("SUMMARY.md").Outcome);
    }

    [Fact]
    public async Task DryRun_SaysWhatWouldHappen_AndWritesNothing()
    {
        using var notes = new NoteFolder();
        notes.WriteBytes($"{notes.Id}/assets/图.png", TestPng.Create(10, 20, 30));
        notes.Write($"{notes.Id}/a.md", $"# 演练 {notes.Id}\n\n![图](assets/图.png) ![缺](assets/缺.png)\n");
        using var scope = app.Services.CreateScope();
        var importer = scope.ServiceProvider.GetRequiredService<NoteImporter>();

        var dry = await importer.ImportAsync(Path.Combine(notes.Root, notes.Id), dryRun: true);

        Assert.True(dry.DryRun);
        Assert.Equal(ImportOutcome.Imported, dry.Item("a.md").Outcome);
        Assert.Contains("assets/缺.png was not found", dry.Item("a.md").Message);
        Assert.Contains("dry run", dry.Summary);
        Assert.Empty(await PostsUnderAsync(notes.Id + "/"));
        Assert.Equal(0, await app.WithDbAsync(db => db.Media.CountAsync(m => m.OriginalName == "图.png")));
    }

    [Fact]
    public async Task Reimport_OfAChangedNote_SaysWhatChanged()
    {
        using var notes = new NoteFolder();
        notes.Write($"{notes.Id}/b.md", $"# 变化 {notes.Id}\n\n第一版。\n");
        await app.ImportAsync(Path.Combine(notes.Root, notes.Id));
        notes.Write($"{notes.Id}/b.md", $"# 变化 {notes.Id}\n\n第二版。\n");

        var report = await app.ImportAsync(Path.Combine(notes.Root, notes.Id));

        Assert.Equal(ImportOutcome.Updated, report.Item("b.md").Outcome);
        Assert.Contains("changed: text", report.Item("b.md").Message);
    }
}
