using Blog.Content;
using Blog.Data;
using Blog.Import;
using Blog.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Blog.Tests.Import;

public class FolderImportTests(BlogAppFactory app) : IClassFixture<BlogAppFactory>
{
    private Task<Post> PostFromAsync(string sourceKey) => app.WithDbAsync(db =>
        db.Posts.Include(p => p.Category).Include(p => p.Tags).Include(p => p.Revisions).SingleAsync(p => p.SourceKey!.EndsWith("/" + sourceKey)));

    [Fact]
    public async Task Import_NoteWithFullFrontMatter_CreatesPostWithEveryField()
    {
        using var notes = new NoteFolder();
        notes.Write("attention.md", StudyNotes.WithFrontMatter($"""
            title: 注意力机制笔记 {notes.Id}
            date: 2024-05-10 09:16:24
            updated: 2024-05-12 20:00:00
            categories:
              - large model
            tags: [Transformer, 注意力 {notes.Id}]
            slug: Attention-{notes.Id}
            summary: 缩放点积注意力的推导与实现。
            """));

        var report = await app.ImportAsync(notes.Root);

        Assert.Null(report.Error);
        Assert.Equal(ImportOutcome.Imported, report.Item("attention.md").Outcome);
        var post = await PostFromAsync("attention.md");
        Assert.Equal($"注意力机制笔记 {notes.Id}", post.Title);
        Assert.Equal($"Attention-{notes.Id}", post.Slug);
        Assert.Equal("缩放点积注意力的推导与实现。", post.Summary);
        Assert.Equal("large-model", post.Category?.Slug); // the seeded "Large Model", matched whatever the case
        Assert.Equal(["transformer", $"注意力-{notes.Id}"], post.Tags.Select(t => t.Slug).Order());
        Assert.Equal(PostStatus.Published, post.Status);
        Assert.Equal(new DateTime(2024, 5, 10, 9, 16, 24, DateTimeKind.Utc), post.PublishedAt); // the site's zone is UTC
        Assert.Equal(new DateTime(2024, 5, 12, 20, 0, 0, DateTimeKind.Utc), post.UpdatedAt);
        Assert.StartsWith("缩放点积注意力（Scaled Dot-Product Attention）", post.Markdown);
        Assert.True(post.HasMath);
        Assert.True(post.HasCode);
        Assert.Contains("language-python", post.Html);

        var page = await app.CreateClient().GetDocumentAsync($"/posts/Attention-{notes.Id}");
        Assert.Contains("注意力机制笔记", page.Title);
    }

    [Fact]
    public async Task Import_NoteWithoutFrontMatter_TakesTitleFromH1AndShowsItOnce()
    {
        using var notes = new NoteFolder();
        var title = $"反向传播笔记 {notes.Id}";
        notes.Write("ml/backprop.md", $"# {title}\n\n{StudyNotes.Body}\n");

        var report = await app.ImportAsync(notes.Root);

        Assert.Equal(ImportOutcome.Imported, report.Item("ml/backprop.md").Outcome);
        var post = await PostFromAsync("ml/backprop.md");
        Assert.Equal(title, post.Title);
        Assert.Equal(Slugs.FromTitle(title), post.Slug);
        Assert.DoesNotContain(title, post.Markdown);
        var page = await app.CreateClient().GetDocumentAsync($"/posts/{Uri.EscapeDataString(post.Slug)}");
        Assert.Single(page.QuerySelectorAll("h1"), h => h.TextContent.Contains(title));
    }

    [Fact]
    public async Task Import_NoteWithoutFrontMatterOrHeading_TakesTitleFromFileNameAndDateFromFileTime()
    {
        using var notes = new NoteFolder();
        var path = notes.Write($"Python 装饰器 {notes.Id}.MD", "装饰器本质上是一个高阶函数。\n\n```python\n@functools.wraps(f)\ndef g(*args): ...\n```\n");
        var fileTime = new DateTime(2023, 11, 5, 8, 30, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, fileTime);

        var report = await app.ImportAsync(notes.Root);

        var key = $"Python 装饰器 {notes.Id}.MD";
        Assert.Equal(ImportOutcome.Imported, report.Item(key).Outcome);
        var post = await PostFromAsync(key);
        Assert.Equal($"Python 装饰器 {notes.Id}", post.Title);
        Assert.Equal($"python-装饰器-{notes.Id}", post.Slug);
        Assert.Equal(fileTime, post.PublishedAt);
        Assert.Equal(PostStatus.Published, post.Status);
    }

    [Fact]
    public async Task Import_HexoAndJekyllShapes_UseFirstCategoryAndShareTags()
    {
        using var notes = new NoteFolder();
        notes.Write("hexo.md", StudyNotes.WithFrontMatter($"""
            title: Adam 优化器 {notes.Id}
            date: 2024-03-01 10:00:00
            categories: [[优化方法 {notes.Id}, 深度学习], 随笔]
            tags: PyTorch-{notes.Id}, 优化器
            description: Adam 的一阶与二阶矩估计。
            """));
        notes.Write("jekyll.markdown", StudyNotes.WithFrontMatter($"""
            title: NumPy 广播 {notes.Id}
            date: 2024-03-02
            category: Python
            tags: numpy pytorch-{notes.Id.ToUpperInvariant()}
            """));

        var report = await app.ImportAsync(notes.Root);

        Assert.Equal(2, report.Count(ImportOutcome.Imported));
        var hexo = await PostFromAsync("hexo.md");
        Assert.Equal($"优化方法 {notes.Id}", hexo.Category?.Name);
        Assert.Equal($"优化方法-{notes.Id}", hexo.Category?.Slug);
        Assert.Equal("Adam 的一阶与二阶矩估计。", hexo.Summary);
        var jekyll = await PostFromAsync("jekyll.markdown");
        Assert.Equal("python", jekyll.Category?.Slug);
        // "pytorch-ID" in the second note is the tag the first note created, not a second one.
        Assert.Equal(hexo.Tags.Single(t => t.Name.StartsWith("PyTorch")).Id, jekyll.Tags.Single(t => t.Slug.StartsWith("pytorch")).Id);
        Assert.Equal(1, await app.WithDbAsync(db => db.Tags.CountAsync(t => t.Slug == $"pytorch-{notes.Id}")));
    }

    [Fact]
    public async Task Import_TagThatSlugsLikeAnotherTag_IsATagOfItsOwnAndTheEditorFindsIt()
    {
        // "C" and "C++" give the same slug; the editor keeps them apart, and so must the import.
        using var notes = new NoteFolder();
        notes.Write("c.md", StudyNotes.WithFrontMatter($"title: C 语言指针 {notes.Id}\ndate: 2024-03-01\ntags: [C {notes.Id}]",
            "指针保存地址：`int *p = &x;`，解引用 $*p$ 得到 $x$。"));
        notes.Write("cpp.md", StudyNotes.WithFrontMatter($"title: C++ 模板 {notes.Id}\ndate: 2024-03-02\ntags: [C++ {notes.Id}]",
            "模板在编译期实例化：`template <typename T> T max(T a, T b);`"));

        await app.ImportAsync(notes.Root);

        var cTag = Assert.Single((await PostFromAsync("c.md")).Tags);
        var cppTag = Assert.Single((await PostFromAsync("cpp.md")).Tags);
        Assert.Equal($"C++ {notes.Id}", cppTag.Name);
        Assert.NotEqual(cTag.Id, cppTag.Id);
        var cPage = await app.CreateClient().GetStringAsync("/tag/" + Uri.EscapeDataString(cTag.Slug));
        Assert.Contains($"C 语言指针 {notes.Id}", cPage);
        Assert.DoesNotContain($"C++ 模板 {notes.Id}", cPage);

        var client = await app.SignedInClientAsync();
        var saved = await client.SubmitFormAsync("/admin/posts/new", Editor.Form, new Dictionary<string, string>
        {
            ["Input.Title"] = $"C++ 智能指针 {notes.Id}",
            ["Input.Markdown"] = "`std::unique_ptr` 独占所有权。",
            ["Input.Tags"] = $"C++ {notes.Id}",
        }, "保存草稿");
        var written = await app.WithDbAsync(db => db.Posts.Include(p => p.Tags).SingleAsync(p => p.Id == saved.SavedPostId()));
        Assert.Equal(cppTag.Id, Assert.Single(written.Tags).Id);
    }

    [Fact]
    public async Task Import_DraftAndFutureNotes_AreNotOnTheHomePage()
    {
        using var notes = new NoteFolder();
        notes.Write("draft.md", StudyNotes.WithFrontMatter($"title: 草稿 {notes.Id}\nslug: draft-{notes.Id}\ndraft: true"));
        notes.Write("jekyll-draft.md", StudyNotes.WithFrontMatter($"title: 未发布 {notes.Id}\nslug: unpublished-{notes.Id}\npublished: false"));
        notes.Write("future.md", StudyNotes.WithFrontMatter($"title: 未来 {notes.Id}\nslug: future-{notes.Id}\ndate: {DateTime.UtcNow.AddYears(1):yyyy-MM-dd HH:mm:ss}"));
        notes.Write("now.md", StudyNotes.WithFrontMatter($"title: 已发布 {notes.Id}\nslug: published-{notes.Id}\ndate: {DateTime.UtcNow.AddMinutes(-5):yyyy-MM-dd HH:mm:ss}"));

        var report = await app.ImportAsync(notes.Root);

        Assert.Equal(4, report.Count(ImportOutcome.Imported));
        Assert.Equal(PostStatus.Draft, (await PostFromAsync("draft.md")).Status);
        Assert.Equal(PostStatus.Draft, (await PostFromAsync("jekyll-draft.md")).Status);
        Assert.Equal(Blog.Posts.PostState.Scheduled, (await PostFromAsync("future.md")).StateAt(DateTime.UtcNow));
        var home = await app.CreateClient().GetStringAsync("/");
        Assert.DoesNotContain($"草稿 {notes.Id}", home);
        Assert.DoesNotContain($"未发布 {notes.Id}", home);
        Assert.DoesNotContain($"未来 {notes.Id}", home);
        var client = app.CreateClient();
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await client.GetAsync($"/posts/draft-{notes.Id}")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await client.GetAsync($"/posts/future-{notes.Id}")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync($"/posts/published-{notes.Id}")).StatusCode);
    }

    [Fact]
    public async Task Import_SameTitleInTwoFolders_SecondGetsNumberedSlugAndSaysSo()
    {
        using var notes = new NoteFolder();
        var title = $"学习笔记 {notes.Id}";
        notes.Write("a/index.md", $"# {title}\n\n第一篇。\n");
        notes.Write("b/index.md", $"# {title}\n\n第二篇。\n");

        var report = await app.ImportAsync(notes.Root);

        var slug = Slugs.FromTitle(title);
        Assert.Equal(slug, (await PostFromAsync("a/index.md")).Slug);
        Assert.Equal(slug + "-2", (await PostFromAsync("b/index.md")).Slug);
        Assert.Contains($"\"{slug}-2\"", report.Item("b/index.md").Message);
    }

    [Fact]
    public async Task Import_SlugOfAPostWrittenInTheEditor_UpdatesThatPostWithARevision()
    {
        var existing = await app.AddPostAsync(new PostBuilder().WithMarkdown("编辑器里写的旧版本。"));
        using var notes = new NoteFolder();
        notes.Write("from-editor.md", StudyNotes.WithFrontMatter($"title: {existing.Title}\nslug: {existing.Slug}"));

        var report = await app.ImportAsync(notes.Root);

        Assert.Equal(ImportOutcome.Updated, report.Item("from-editor.md").Outcome);
        var post = await PostFromAsync("from-editor.md");
        Assert.Equal(existing.Id, post.Id);
        Assert.Equal("编辑器里写的旧版本。", Assert.Single(post.Revisions).Markdown);
    }

    [Fact]
    public async Task Import_NoteOfATrashedPost_IsSkippedAndStaysInTheTrash()
    {
        var trashed = await app.AddPostAsync(new PostBuilder().Trashed());
        using var notes = new NoteFolder();
        notes.Write("trashed.md", StudyNotes.WithFrontMatter($"title: 回收站里的笔记\nslug: {trashed.Slug}"));

        var report = await app.ImportAsync(notes.Root);

        var item = report.Item("trashed.md");
        Assert.Equal(ImportOutcome.Skipped, item.Outcome);
        Assert.Contains("trash", item.Message);
        var post = await app.WithDbAsync(db => db.Posts.SingleAsync(p => p.Id == trashed.Id));
        Assert.NotNull(post.DeletedAt);
        Assert.Equal(trashed.Title, post.Title);
    }

    [Fact]
    public async Task Import_HiddenFoldersAndNodeModules_AreSkipped()
    {
        using var notes = new NoteFolder();
        notes.Write("visible.md", $"# 可见 {notes.Id}\n");
        notes.Write(".obsidian/workspace.md", "# 配置\n");
        notes.Write(".git/description.md", "# git\n");
        notes.Write("node_modules/hexo/README.md", "# hexo\n");
        notes.Write("images/readme.txt", "不是笔记");

        var report = await app.ImportAsync(notes.Root);

        Assert.Equal(["visible.md"], report.Items.Select(i => i.File));
    }

    [Fact]
    public async Task Import_MissingPath_ReportsAClearError()
    {
        var report = await app.ImportAsync("/nonexistent/notes-" + Guid.NewGuid());

        Assert.Empty(report.Items);
        Assert.Contains("no folder or file", report.Error?.ToString());
        Assert.False(report.Succeeded);
    }
}
