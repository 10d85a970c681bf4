using Blog.Data;
using Blog.Import;
using Blog.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Blog.Tests.Import;

public class BadNoteTests(BlogAppFactory app) : IClassFixture<BlogAppFactory>
{
    [Fact]
    public async Task Import_BrokenFiles_AreReportedByNameWhileTheOthersImport()
    {
        using var notes = new NoteFolder();
        notes.Write($"{notes.Id}/good.md", StudyNotes.WithFrontMatter($"title: 好的笔记 {notes.Id}"));
        notes.WriteBytes($"{notes.Id}/gbk.md", [0x23, 0x20, 0xD7, 0xA2, 0xD2, 0xE2, 0xC1, 0xA6, 0x0A]); // "# 注意力" saved as GBK
        notes.Write($"{notes.Id}/empty.md", "");
        notes.Write($"{notes.Id}/bad-yaml.md", "---\ntitle: 坏的 YAML\ntags: [a, b\ndate: 2024-05-10\n---\n正文\n");
        notes.Write($"{notes.Id}/list.md", $"---\n- 不是\n- 映射\n---\n# 列表形式的元数据 {notes.Id}\n\n正文\n");
        notes.WriteBytes($"{notes.Id}/assets/image.png", TestPng.Create(1, 2, 3, size: 5));
        notes.Write($"{notes.Id}/also-good.md", $"# 另一篇好的笔记 {notes.Id}\n\n![图](assets/image.png)\n");

        var report = await app.ImportAsync(notes.Root);

        Assert.Equal("3 imported, 0 updated, 0 skipped, 3 failed", report.Summary);
        Assert.Null(report.Error);
        Assert.Contains("not UTF-8", report.Item($"{notes.Id}/gbk.md").Message);
        Assert.Contains("empty", report.Item($"{notes.Id}/empty.md").Message);
        Assert.Matches(@"not valid YAML \((near )?line \d+\)", report.Item($"{notes.Id}/bad-yaml.md").Message);
        // Typora shows such a metadata block apart from the note: the note imports, the block is left out.
        Assert.Equal(ImportOutcome.Imported, report.Item($"{notes.Id}/list.md").Outcome);
        Assert.Contains("key: value", report.Item($"{notes.Id}/list.md").Message);
        Assert.All(report.Items.Where(i => i.Outcome == ImportOutcome.Failed), i => Assert.False(string.IsNullOrWhiteSpace(i.Message)));
        var titles = await app.WithDbAsync(db => db.Posts.Where(p => p.SourceKey!.Contains("/" + notes.Id + "/")).Select(p => p.Title).ToListAsync());
        string[] expected = [$"列表形式的元数据 {notes.Id}", $"另一篇好的笔记 {notes.Id}", $"好的笔记 {notes.Id}"];
        Assert.Equal(expected.Order(), titles.Order());
    }

    [Fact]
    public async Task Import_TooDeeplyNestedMarkdown_ImportsTheTextWithAWarning()
    {
        using var notes = new NoteFolder();
        var nested = new string('>', 200) + " 嵌套过深的引用\n";
        notes.Write($"{notes.Id}/nested.md", $"# 嵌套 {notes.Id}\n\n{nested}");

        var report = await app.ImportAsync(notes.Root);

        var item = report.Item($"{notes.Id}/nested.md");
        Assert.Equal(ImportOutcome.Imported, item.Outcome);
        Assert.Contains("could not be rendered", item.Message);
        var post = await app.WithDbAsync(db => db.Posts.SingleAsync(p => p.SourceKey!.EndsWith("/" + $"{notes.Id}/nested.md")));
        Assert.NotNull(post.RenderError);
        Assert.Contains(nested.Trim(), post.Markdown);
    }

    [Fact]
    public async Task Import_InvalidFormulas_AreCountedInTheReport_AndTheNoteImports()
    {
        using var notes = new NoteFolder();
        notes.Write($"{notes.Id}/bad-math.md", $"# 坏公式 {notes.Id}\n\n未闭合 $\\frac{{1}}{{$ 与 $\\sqrt{{x$，正常 $x^2$。\n");
        notes.Write($"{notes.Id}/good-math.md", $"# 好公式 {notes.Id}\n\n$e^{{i\\pi}} + 1 = 0$\n");

        var report = await app.ImportAsync(notes.Root);

        Assert.Equal("2 imported, 0 updated, 0 skipped, 0 failed; 2 invalid formulas in 1 note, shown as their source", report.Summary);
        var item = report.Item($"{notes.Id}/bad-math.md");
        Assert.Equal(2, item.MathErrors);
        Assert.Contains("2 formulas are invalid", item.Message);
        Assert.Contains("KaTeX parse error", item.Message);
        Assert.Null(report.Item($"{notes.Id}/good-math.md").Message);
        var html = await app.WithDbAsync(db => db.Posts.Where(p => p.SourceKey!.EndsWith("/" + $"{notes.Id}/bad-math.md")).Select(p => p.Html).SingleAsync());
        Assert.Contains("<code>\\frac{1}{</code>", html);
    }

    [Fact]
    public async Task Import_SlipsTyporaShowsBrokenToo_AreNamedInTheReport()
    {
        using var notes = new NoteFolder();
        notes.Write($"{notes.Id}/slips.md", $$"""
            # 笔记里的笔误 {{notes.Id}}

            由于每个 $f$ 等概率，所以 \sum_f\mathbb{I}(h(x)\neq f(x)) = 2^{n-1}$，后面的推导显然。

            检索器 Dense Passage Retrieval (DPR)** 用于召回。
            """);
        notes.Write($"{notes.Id}/fine.md", $$"""
            # 没有笔误 {{notes.Id}}

            **粗体**与 $\sum_i x_i$，星号 \*\* 与 `a ** b`，通配 /\**/xx。
            """);

        var report = await app.ImportAsync(notes.Root);

        var slips = report.Item($"{notes.Id}/slips.md");
        Assert.Equal(ImportOutcome.Imported, slips.Outcome);
        Assert.Contains("TeX outside any formula", slips.Message);
        Assert.Contains(@"\sum_f\mathbb", slips.Message);
        Assert.Contains("** that pairs with nothing", slips.Message);
        Assert.Contains("(DPR)**", slips.Message);
        Assert.Null(report.Item($"{notes.Id}/fine.md").Message);
    }

    [Fact]
    public async Task Import_NoteThatFailsToSave_LeavesNothingHalfImported()
    {
        using var notes = new NoteFolder();
        var png = TestPng.Create(200, 100, 50, size: 11);
        notes.WriteBytes($"{notes.Id}/fig.png", png);
        notes.Write($"{notes.Id}/doomed.md", StudyNotes.WithFrontMatter(
            $"title: 保存失败 {notes.Id}\ncategories: 新分类 {notes.Id}\ntags: [新标签 {notes.Id}]", "![图](fig.png)"));
        notes.Write($"{notes.Id}/fine.md", $"# 正常保存 {notes.Id}\n");
        // The database itself refuses this one post, after its category, tag and image were prepared.
        await app.RefusePostsTitledAsync($"保存失败 {notes.Id}", notes.Id);

        var report = await app.ImportAsync(notes.Root);

        var failed = report.Item($"{notes.Id}/doomed.md");
        Assert.Equal(ImportOutcome.Failed, failed.Outcome);
        Assert.Contains("could not be saved", failed.Message);
        Assert.Equal(ImportOutcome.Imported, report.Item($"{notes.Id}/fine.md").Outcome);
        Assert.False(await app.WithDbAsync(db => db.Categories.AnyAsync(c => c.Name == $"新分类 {notes.Id}")));
        Assert.False(await app.WithDbAsync(db => db.Tags.AnyAsync(t => t.Name == $"新标签 {notes.Id}")));
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(png));
        Assert.False(await app.WithDbAsync(db => db.Media.AnyAsync(m => m.Sha256 == hash)));
        Assert.Empty(Directory.Exists(app.MediaFolder) ? Directory.GetFiles(app.MediaFolder, hash[..32] + "*") : []);
    }

    [Fact]
    public async Task Import_NoteOverTheSizeLimit_IsReportedByName()
    {
        using var notes = new NoteFolder();
        notes.Write($"{notes.Id}/huge.md", "# 巨大的笔记\n\n" + new string('字', 3_000_000)); // 9 MB of UTF-8

        var report = await app.ImportAsync(notes.Root);

        Assert.Contains("larger than 8 MB", report.Item($"{notes.Id}/huge.md").Message);
    }
}
