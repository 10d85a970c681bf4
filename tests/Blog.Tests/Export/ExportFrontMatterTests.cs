using System.Text;
using Blog.Content;
using Blog.Export;
using Blog.Import;
using Blog.Settings;

namespace Blog.Tests.Export;

/// <summary>The front matter the export writes is read back by the importer exactly.</summary>
public class ExportFrontMatterTests
{
    private static readonly SiteSettings Shanghai = new() { TimeZone = "Asia/Shanghai" };

    [Theory]
    [InlineData("YAML: \"引号\" # 不是注释")]
    [InlineData("反斜杠 \\ 和 \\n 不是换行")]
    [InlineData("- 以短横开头")]
    [InlineData("[不是列表]")]
    [InlineData("{不是: 映射}")]
    [InlineData("'单引号' 与 `反引号`")]
    [InlineData("null")]
    [InlineData("true")]
    [InlineData("2024-05-10")]
    [InlineData("@作者 & *别名 !标签 %百分号")]
    [InlineData("第一行\n第二行\t制表")]
    [InlineData("Emoji 😀 与 CJK 扩展 𠀀")]
    [InlineData("段落分隔符\u2028之后")]
    public void Quote_AnyTitle_IsReadBackAsWritten(string title)
    {
        var frontMatter = FrontMatter.Parse("title: " + ExportFrontMatter.Quote(title) + "\n", firstLine: 2);

        Assert.Equal(title, frontMatter.Text("title"));
    }

    [Fact]
    public void Date_IsInTheSiteTimeZoneWithItsOffsetToTheSecond()
    {
        var utc = new DateTime(2024, 5, 10, 1, 16, 24, 987, DateTimeKind.Utc);

        Assert.Equal("2024-05-10T09:16:24+08:00", ExportFrontMatter.Date(utc, Shanghai.TimeZoneInfo));
        Assert.Equal("2024-05-10T01:16:24+00:00", ExportFrontMatter.Date(utc, TimeZoneInfo.Utc));
    }

    [Fact]
    public void Write_ThenReadAsANote_GivesTheSamePost()
    {
        var post = new ExportedPost(
            Title: "扩散模型：DDPM 的 \"前向过程\"",
            Slug: "扩散模型-ddpm",
            Date: new DateTime(2024, 5, 10, 1, 16, 24, DateTimeKind.Utc),
            Updated: new DateTime(2024, 6, 1, 12, 0, 0, DateTimeKind.Utc),
            Category: "Generative Model",
            Tags: ["DDPM", "噪声, 调度", "C#"],
            Draft: false,
            Summary: "前向加噪与反向去噪。\n第二行摘要",
            Language: "zh-Hant",
            LanguageChosen: true);
        var body = "前向过程 $q(x_t|x_{t-1}) = \\mathcal{N}(x_t; \\sqrt{1-\\beta_t}x_{t-1}, \\beta_t I)$。\n\n```python\nimport torch\n```\n";
        var text = ExportFrontMatter.Write(post, Shanghai.TimeZoneInfo) + "\n" + body;

        // In a _drafts/ folder, to show that draft: false is written and wins.
        var note = NoteReader.Read("_drafts/ddpm.md", new SourceFile(Encoding.UTF8.GetBytes(text), DateTime.UtcNow), new SiteSettings(), new MarkdownRenderer());

        Assert.Equal(post.Title, note.Title);
        Assert.Equal(post.Slug, note.Slug);
        Assert.Equal(post.Date, note.Date);
        Assert.Equal(post.Updated, note.Updated);
        Assert.Equal(post.Category, note.Category);
        Assert.Equal(post.Tags, note.Tags);
        Assert.False(note.Draft);
        Assert.Equal(post.Summary, note.Summary);
        Assert.Equal(body, note.Markdown);
        Assert.Equal("zh-Hant", note.Language);
        Assert.Empty(note.Warnings);
    }

    [Fact]
    public void Write_ADetectedLanguage_IsReadBackAsLeftToDetection()
    {
        var post = new ExportedPost("強化學習", "rl", DateTime.UtcNow, DateTime.UtcNow, null, [], false, null, Language: "zh-Hant", LanguageChosen: false);
        var text = ExportFrontMatter.Write(post, TimeZoneInfo.Utc) + "\n時序差分學習。\n";

        var note = NoteReader.Read("rl.md", new SourceFile(Encoding.UTF8.GetBytes(text), DateTime.UtcNow), new SiteSettings(), new MarkdownRenderer());

        Assert.Contains("lang: \"zh-Hant\"\nlang_chosen: false\n", text);
        Assert.Null(note.Language);
    }
}
