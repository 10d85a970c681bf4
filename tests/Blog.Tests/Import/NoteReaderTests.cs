using System.Text;
using Blog.Content;
using Blog.Import;
using Blog.Settings;

namespace Blog.Tests.Import;

/// <summary>Front matter and titles, read without a database.</summary>
public class NoteReaderTests
{
    private static readonly SiteSettings Shanghai = new() { TimeZone = "Asia/Shanghai" };
    private static readonly DateTime FileTime = new(2023, 1, 2, 3, 4, 5, DateTimeKind.Utc);
    private static readonly MarkdownRenderer Renderer = new();

    private static Note Read(string text, string key = "notes/笔记.md", SiteSettings? settings = null) =>
        NoteReader.Read(key, new SourceFile(Encoding.UTF8.GetBytes(text), FileTime), settings ?? new SiteSettings(), Renderer);

    [Theory]
    [InlineData("2024-05-10 09:16:24", "2024-05-10T01:16:24Z")]
    [InlineData("2024-05-10", "2024-05-09T16:00:00Z")]
    [InlineData("2024-05-10T09:16:24+08:00", "2024-05-10T01:16:24Z")]
    [InlineData("2024-05-10T09:16:24+02:00", "2024-05-10T07:16:24Z")]
    [InlineData("2024-05-10T09:16:24Z", "2024-05-10T09:16:24Z")]
    [InlineData("'2024/05/10 09:16'", "2024-05-10T01:16:00Z")]
    public void Read_Dates_WithoutOffsetAreInTheSiteTimeZone(string written, string expectedUtc)
    {
        var note = Read(StudyNotes.WithFrontMatter($"title: 日期\ndate: {written}\nupdated: {written}"), settings: Shanghai);

        var expected = DateTime.Parse(expectedUtc, null, System.Globalization.DateTimeStyles.AdjustToUniversal);
        Assert.Equal(expected, note.Date);
        Assert.Equal(DateTimeKind.Utc, note.Date!.Value.Kind);
        Assert.Equal(expected, note.Updated);
    }

    [Fact]
    public void Read_DateThatIsNotADate_IsIgnoredWithAWarning()
    {
        var note = Read(StudyNotes.WithFrontMatter("title: 日期\ndate: 去年夏天"));

        Assert.Null(note.Date);
        Assert.Contains(note.Warnings, w => w.ToString().Contains("去年夏天") && w.ToString().Contains("last-write time"));
    }

    [Theory]
    [InlineData("tags: [PyTorch, 优化器]", new[] { "PyTorch", "优化器" })]
    [InlineData("tags:\n  - PyTorch\n  - 优化器", new[] { "PyTorch", "优化器" })]
    [InlineData("tags: PyTorch, 优化器, Large Model", new[] { "PyTorch", "优化器", "Large Model" })]
    [InlineData("tags: PyTorch，优化器", new[] { "PyTorch", "优化器" })]
    [InlineData("tags: numpy pandas", new[] { "numpy", "pandas" })]
    [InlineData("tags: [AI, ai, Ai]", new[] { "AI" })]
    [InlineData("tags:", new string[0])]
    public void Read_Tags_AcceptsListsAndSeparatedStrings(string tags, string[] expected)
    {
        Assert.Equal(expected, Read(StudyNotes.WithFrontMatter($"title: 标签\n{tags}")).Tags);
    }

    [Theory]
    [InlineData("categories: Large Model", "Large Model")]
    [InlineData("categories: [深度学习, 优化]", "深度学习")]
    [InlineData("categories:\n  - [深度学习, 优化]\n  - 随笔", "深度学习")]
    [InlineData("category: Python", "Python")]
    [InlineData("categories: []\ncategory: Python", "Python")]
    [InlineData("categories:", null)]
    public void Read_Categories_TheFirstNameIsTheCategory(string categories, string? expected)
    {
        Assert.Equal(expected, Read(StudyNotes.WithFrontMatter($"title: 分类\n{categories}")).Category);
    }

    [Theory]
    [InlineData("summary: 摘要", "摘要")]
    [InlineData("description: 描述", "描述")]
    [InlineData("excerpt: 节选", "节选")]
    public void Read_Summary_AcceptsDescriptionAndExcerpt(string field, string expected)
    {
        Assert.Equal(expected, Read(StudyNotes.WithFrontMatter($"title: 摘要\n{field}")).Summary);
    }

    [Theory]
    [InlineData("draft: true", true)]
    [InlineData("draft: false", false)]
    [InlineData("published: false", true)]
    [InlineData("published: true", false)]
    [InlineData("", false)]
    public void Read_DraftAndPublishedFlags(string field, bool draft)
    {
        Assert.Equal(draft, Read(StudyNotes.WithFrontMatter($"title: 草稿\n{field}")).Draft);
    }

    [Fact]
    public void Read_NoteInDraftsFolder_IsADraft()
    {
        Assert.True(Read("# 未完成的笔记\n\n内容", key: "source/_drafts/wip.md").Draft);
    }

    [Fact]
    public void Read_GivenSlug_IsUsedAsGiven()
    {
        Assert.Equal("LoRA-低秩适配", Read(StudyNotes.WithFrontMatter("title: x\nslug: LoRA-低秩适配")).Slug);
    }

    [Fact]
    public void Read_NoFrontMatter_TakesTheTitleFromTheFirstHeadingAndRemovesIt()
    {
        var note = Read("# 反向传播 Backpropagation\n\n链式法则 $\\frac{\\partial L}{\\partial w}$。\n\n# 第二节\n");

        Assert.Equal("反向传播 Backpropagation", note.Title);
        Assert.StartsWith("链式法则", note.Markdown);
        Assert.Contains("# 第二节", note.Markdown);
    }

    [Fact]
    public void Read_HashLineInsideCode_IsNotATitle()
    {
        var note = Read("```python\n# 这是注释\nprint(1)\n```\n", key: "ml/代码片段.md");

        Assert.Equal("代码片段", note.Title);
        Assert.Contains("# 这是注释", note.Markdown);
    }

    [Fact]
    public void Read_FrontMatterWithoutTitle_FallsBackToHeadingThenFileName()
    {
        Assert.Equal("梯度下降", Read(StudyNotes.WithFrontMatter("tags: [优化]", "# 梯度下降\n\n正文")).Title);
        Assert.Equal("gradient-notes", Read(StudyNotes.WithFrontMatter("tags: [优化]", "正文"), key: "a/gradient-notes.markdown").Title);
    }

    [Fact]
    public void Read_BomAndWindowsLineEndings_AreAccepted()
    {
        var text = "\uFEFF---\r\ntitle: 带 BOM 的笔记\r\n---\r\n\r\n正文第一行\r\n正文第二行\r\n";
        var note = Read(text);

        Assert.Equal("带 BOM 的笔记", note.Title);
        Assert.Equal("正文第一行\n正文第二行\n", note.Markdown);
    }

    [Fact]
    public void Read_InvalidYaml_NamesTheLineOfTheFile()
    {
        var error = Assert.Throws<BadNoteException>(() => Read("---\ntitle: 坏的\ntags: [a, b\n  c: : d\n---\n正文"));

        Assert.Contains("not valid YAML", error.Message);
        Assert.Matches(@"line [34]\b", error.Message);
    }

    [Fact]
    public void Read_YamlWithUnclosedQuote_NamesTheLine()
    {
        var error = Assert.Throws<BadNoteException>(() => Read("---\ndate: 2024-05-10\ntitle: \"没有结束的引号\n---\n正文"));

        Assert.Contains("line 3", error.Message);
    }

    [Fact]
    public void Read_TyporaMetadataBlockThatIsNoFields_IsLeftOutWithAWarning()
    {
        var list = Read("---\n- 标题\n- 标签\n---\n正文", key: "列表.md");
        var word = Read("---\n元数据块\n---\n\n### Typora 的语法\n\n正文", key: "语法.md");

        Assert.Equal("正文", list.Markdown.Trim());
        Assert.Contains(list.Warnings, w => w.ToString().Contains("key: value") && w.ToString().Contains("a list"));
        Assert.DoesNotContain("元数据块", word.Markdown);
        Assert.Contains("Typora 的语法", word.Markdown);
        Assert.Contains(word.Warnings, w => w.ToString().Contains("a single value"));
    }

    [Fact]
    public void Readme_TitledByItsHtmlHeading_OrElseByItsCollection()
    {
        var centred = NoteReader.Read("README.md", new SourceFile(Encoding.UTF8.GetBytes("<div align=\"center\">\n    <h1>Java 学习<b>笔记</b></h1>\n</div>\n\n正文"), FileTime),
            new SiteSettings(), Renderer, "typora-notes");
        var bare = NoteReader.Read("README.md", new SourceFile(Encoding.UTF8.GetBytes("[目录](SUMMARY.md)\n"), FileTime),
            new SiteSettings(), Renderer, "pumpkin-book/docs");

        Assert.Equal("Java 学习笔记", centred.Title);
        Assert.Equal("pumpkin-book", bare.Title);
    }

    [Fact]
    public void Read_FrontMatterWithoutClosingLine_IsReadAsMarkdownWithAWarning()
    {
        var note = Read("---\n\n分隔线之后的正文", key: "分隔线.md");

        Assert.Equal("分隔线", note.Title);
        Assert.Contains("分隔线之后的正文", note.Markdown);
        Assert.Contains(note.Warnings, w => w.ToString().Contains("no closing ---"));
    }

    [Fact]
    public void Read_YamlAliasBomb_IsReadQuickly()
    {
        var yaml = "title: 炸弹\na: &a [x, x, x, x, x, x, x, x, x, x]\n";
        for (var level = 'b'; level <= 'g'; level++)
            yaml += $"{level}: &{level} [*{(char)(level - 1)}, *{(char)(level - 1)}, *{(char)(level - 1)}, *{(char)(level - 1)}, *{(char)(level - 1)}, *{(char)(level - 1)}, *{(char)(level - 1)}, *{(char)(level - 1)}, *{(char)(level - 1)}, *{(char)(level - 1)}]\n";
        yaml += "tags: *g\ncategories: *g\n"; // ten million leaves, for a walk without bounds

        var started = DateTime.UtcNow;
        var note = Read(StudyNotes.WithFrontMatter(yaml));

        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5));
        Assert.Equal(["x"], note.Tags);
    }

    [Theory]
    [InlineData(new byte[0], "empty")]
    [InlineData(new byte[] { 0x20, 0x0A, 0x0A }, "empty")]
    [InlineData(new byte[] { 0x23, 0x20, 0xD7, 0xA2, 0xD2, 0xE2, 0xC1, 0xA6 }, "not UTF-8")] // "# 注意力" in GBK
    [InlineData(new byte[] { 0xFF, 0xFE, 0x23, 0x00 }, "UTF-16")]
    public void Read_EmptyOrNotUtf8_IsRejectedWithAReason(byte[] content, string reason)
    {
        var error = Assert.Throws<BadNoteException>(() => NoteReader.Read("坏.md", new SourceFile(content, FileTime), new SiteSettings(), Renderer));

        Assert.Contains(reason, error.Message);
    }
}
