using Blog.Import;
using Blog.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Blog.Tests.Import;

/// <summary>
/// The notes of a collection share categories and tags; the import remembers them from one note to
/// the next. Every post must still get exactly its own, across the import's batches, beside a note
/// taken back, and when a note updates a post that already has them.
/// </summary>
public class SharedTaxonomyImportTests(BlogAppFactory app) : IClassFixture<BlogAppFactory>
{
    [Fact]
    public async Task Import_ManyNotesSharingCategoriesAndTags_GivesEachPostItsOwn_AcrossBatches()
    {
        using var notes = new NoteFolder();
        const int Count = 230; // more than one batch of notes
        for (var i = 0; i < Count; i++)
        {
            var category = i % 3 == 0 ? $"深度学习 {notes.Id}" : $"数学 {notes.Id}";
            // The same tag as typed differently, and a tag of its own for every fifth note.
            var tags = i % 2 == 0 ? $"[PyTorch-{notes.Id}, 共享 {notes.Id}]" : $"[pytorch-{notes.Id}, 共享 {notes.Id}]";
            if (i % 5 == 0)
                tags = tags.TrimEnd(']') + $", 第{i}篇 {notes.Id}]";
            notes.Write($"{notes.Id}/n{i:D3}.md", StudyNotes.WithFrontMatter($"title: 共享分类 {i} {notes.Id}\ncategories: {category}\ntags: {tags}", $"第 {i} 篇，$x_{i}$。"));
        }

        var report = await app.ImportAsync(notes.Root);

        Assert.Equal($"{Count} imported, 0 updated, 0 skipped, 0 failed", report.Summary);
        var posts = await app.WithDbAsync(db => db.Posts.AsNoTracking().Include(p => p.Category).Include(p => p.Tags)
            .Where(p => p.Title.EndsWith(notes.Id)).ToListAsync());
        Assert.Equal(Count, posts.Count);
        foreach (var post in posts)
        {
            var i = int.Parse(post.Title.Split(' ')[1]);
            Assert.Equal(i % 3 == 0 ? $"深度学习 {notes.Id}" : $"数学 {notes.Id}", post.Category?.Name);
            string[] expected = i % 5 == 0 ? [$"PyTorch-{notes.Id}", $"共享 {notes.Id}", $"第{i}篇 {notes.Id}"] : [$"PyTorch-{notes.Id}", $"共享 {notes.Id}"];
            Assert.Equal(expected.Order(), post.Tags.Select(t => t.Name).Order());
        }
        Assert.Equal(2, await app.WithDbAsync(db => db.Categories.CountAsync(c => c.Name.EndsWith(notes.Id))));
        Assert.Equal(2 + (Count + 4) / 5, await app.WithDbAsync(db => db.Tags.CountAsync(t => t.Name.EndsWith(notes.Id))));
    }

    [Fact]
    public async Task Import_NoteTakenBack_LeavesTheNextNoteToMakeTheCategoryAndTagItsOwn()
    {
        using var notes = new NoteFolder();
        var frontMatter = $"categories: 新分类 {notes.Id}\ntags: [新标签 {notes.Id}]";
        notes.Write($"{notes.Id}/a.md", StudyNotes.WithFrontMatter($"title: 保存失败 {notes.Id}\n{frontMatter}", "被拒绝的笔记。"));
        notes.Write($"{notes.Id}/b.md", StudyNotes.WithFrontMatter($"title: 随后的笔记 {notes.Id}\n{frontMatter}", "正常保存。"));
        // The database refuses the first post, after its new category and tag were inserted.
        await app.RefusePostsTitledAsync($"保存失败 {notes.Id}", notes.Id);

        var report = await app.ImportAsync(notes.Root);

        Assert.Equal(ImportOutcome.Failed, report.Item($"{notes.Id}/a.md").Outcome);
        Assert.Equal(ImportOutcome.Imported, report.Item($"{notes.Id}/b.md").Outcome);
        var post = await app.WithDbAsync(db => db.Posts.AsNoTracking().Include(p => p.Category).Include(p => p.Tags).SingleAsync(p => p.Title == $"随后的笔记 {notes.Id}"));
        Assert.Equal($"新分类 {notes.Id}", post.Category?.Name);
        Assert.Equal($"新标签 {notes.Id}", Assert.Single(post.Tags).Name);
    }

    [Fact]
    public async Task Reimport_NoteUpdatedAfterAnotherWithTheSameCategoryAndTags_ChangesOnlyItsText()
    {
        using var notes = new NoteFolder();
        var frontMatter = $"categories: 复习 {notes.Id}\ntags: [线性代数 {notes.Id}, 矩阵 {notes.Id}]";
        notes.Write($"{notes.Id}/a.md", StudyNotes.WithFrontMatter($"title: 第一篇 {notes.Id}\n{frontMatter}", "不变的正文。"));
        notes.Write($"{notes.Id}/b.md", StudyNotes.WithFrontMatter($"title: 第二篇 {notes.Id}\n{frontMatter}", "第一版。"));
        await app.ImportAsync(notes.Root);

        notes.Write($"{notes.Id}/b.md", StudyNotes.WithFrontMatter($"title: 第二篇 {notes.Id}\n{frontMatter}", "第二版，$A^{-1}$。"));
        var report = await app.ImportAsync(notes.Root);

        Assert.Equal(ImportOutcome.Skipped, report.Item($"{notes.Id}/a.md").Outcome);
        var updated = report.Item($"{notes.Id}/b.md");
        Assert.Equal(ImportOutcome.Updated, updated.Outcome);
        Assert.StartsWith("changed: text", updated.Message);
        var post = await app.WithDbAsync(db => db.Posts.AsNoTracking().Include(p => p.Category).Include(p => p.Tags).SingleAsync(p => p.Title == $"第二篇 {notes.Id}"));
        Assert.Equal($"复习 {notes.Id}", post.Category?.Name);
        Assert.Equal([$"矩阵 {notes.Id}", $"线性代数 {notes.Id}"], post.Tags.Select(t => t.Name).Order());
    }
}
