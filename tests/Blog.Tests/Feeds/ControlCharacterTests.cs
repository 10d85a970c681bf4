using System.Globalization;
using System.Net;
using System.Text;
using System.Xml.Linq;
using Blog.Data;
using Blog.Tests.Import;
using Blog.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Blog.Tests.Feeds;

/// <summary>
/// Whatever characters a post's title and text hold (a page break pasted from source code, YAML's
/// \v and \x01 through an import, one of every Unicode category), every feed, the sitemap and every
/// page still answer, the feeds and sitemap as well-formed XML; code keeps a visible mark where a
/// control character was.
/// </summary>
public class ControlCharacterTests(BlogAppFactory app) : IClassFixture<BlogAppFactory>
{
    /// <summary>The first character of every Unicode category in the BMP (a lone surrogate among them), pairs beyond it, and every character XML 1.0 forbids.</summary>
    public static string EveryKindOfCharacter()
    {
        var text = new StringBuilder();
        var seen = new HashSet<UnicodeCategory>();
        for (var c = 0x20; c <= 0xFFFF; c++)
        {
            if (seen.Add(CharUnicodeInfo.GetUnicodeCategory((char)c)))
                text.Append((char)c).Append(' ');
        }
        text.Append("😀 𠀀 \u007F \u0085 \u00AD \u200B \u2028 \u2029 \uFEFF \uE000 \uFDD0 ");
        for (var c = 0; c < 0x20; c++)
            text.Append((char)c);
        text.Append(" \uD800x \uDC00x \uDBFF\uDBFFx \uFFFE \uFFFF");
        return text.ToString();
    }

    /// <summary>
    /// What a browser sends of it: a form carries UTF-8, where a lone surrogate is already U+FFFD.
    /// No NUL: ASP.NET Core's form reader refuses a form holding %00 (400) before the page sees it,
    /// and HTML parsing turns a NUL into U+FFFD anyway. Imports bring NUL (YAML's \0); that test has it.
    /// </summary>
    private static string AsABrowserSendsIt(string text) => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text.Replace("\0", "")));

    private static readonly string[] XmlDocuments = ["/feed.xml", "/atom.xml", "/category/python/feed.xml", "/category/python/atom.xml", "/sitemap.xml"];

    private async Task AssertEverythingAnswersAsync(string slug, string search)
    {
        var client = app.CreateClient();
        foreach (var url in XmlDocuments)
        {
            var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} answered {(int)response.StatusCode}");
            var xml = await response.Content.ReadAsStringAsync();
            var parsed = XDocument.Parse(xml); // throws on any character XML 1.0 forbids
            Assert.NotNull(parsed.Root);
        }
        foreach (var url in new[] { "/", $"/posts/{Uri.EscapeDataString(slug)}", "/archive", "/category/python", "/search?q=" + Uri.EscapeDataString(search) })
        {
            var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} answered {(int)response.StatusCode}");
        }
    }

    private Task<int> PythonCategoryAsync() => app.WithDbAsync(db => db.Categories.Where(c => c.Slug == "python").Select(c => c.Id).SingleAsync());

    [Fact]
    public async Task AWrittenPost_WithEveryKindOfCharacter_LeavesFeedsSitemapAndPagesWorking_AndCodeShowsWhereAPageBreakWas()
    {
        var client = await app.SignedInClientAsync();
        var fields = Infrastructure.Editor.Fields(
            AsABrowserSendsIt("编辑器 控制字符 " + EveryKindOfCharacter()),
            AsABrowserSendsIt($"正文：{EveryKindOfCharacter()}\n\n```python\nsection_one()\f\nsection_two()  # 换页符之后\n```\n"),
            slug: "editor-control-characters");
        fields["Input.CategoryId"] = (await PythonCategoryAsync()).ToString(CultureInfo.InvariantCulture);
        fields["Input.Summary"] = AsABrowserSendsIt("摘要\v" + EveryKindOfCharacter());

        var id = (await client.SubmitFormAsync("/admin/posts/new", Infrastructure.Editor.Form, fields, "立即发布")).SavedPostId();

        await AssertEverythingAnswersAsync("editor-control-characters", "编辑器");
        var article = await app.CreateClient().GetDocumentAsync("/posts/editor-control-characters");
        Assert.Contains("section_one()\u240C", article.QuerySelector("pre code")?.TextContent);
        var feed = await app.CreateClient().GetStringAsync("/feed.xml");
        Assert.Contains("section_one()\u240C", feed);
        Assert.Contains("\u2401\u2402", feed); // \x01 \x02 in the title, as their Control Pictures
        var post = await app.WithDbAsync(db => db.Posts.SingleAsync(p => p.Id == id));
        Assert.Equal(-1, post.Title.IndexOfAny(['\0', '\f', '\v', '\x01', '\uFFFE', '\uFFFF']));
    }

    [Fact]
    public async Task AnImportedNote_WithYamlEscapesAndRawControls_LeavesFeedsSitemapAndPagesWorking()
    {
        using var notes = new NoteFolder();
        notes.Write("控制字符.md", $"""
            ---
            title: "导入 {notes.Id} 换页\f垂直\v控制\x01 空\0 响铃\a 退格\b 转义\e 非字符\uFFFE\uFFFF"
            summary: "摘要\x02\x1f"
            slug: imported-control-{notes.Id}
            categories: Python
            tags: ["标签\x03"]
            ---
            正文里的原始控制字符：\u0001 \u000B \u000C 结束。{EveryKindOfCharacter()}

            ```python
            def main():\u000C
                pass
            ```
            """.Replace("\\u0001", "\u0001").Replace("\\u000B", "\u000B").Replace("\\u000C", "\u000C"));

        var report = await app.ImportAsync(notes.Root);

        Assert.True(report.Count(Blog.Import.ImportOutcome.Imported) == 1, report.Summary + string.Join("; ", report.Items.Select(i => i.Message)));
        await AssertEverythingAnswersAsync($"imported-control-{notes.Id}", "导入");
        var post = await app.WithDbAsync(db => db.Posts.SingleAsync(p => p.Slug == $"imported-control-{notes.Id}"));
        Assert.Contains("换页\u240C垂直\u240B控制\u2401 空\u2400", post.Title);
        Assert.Contains("def main():\u240C", post.Html);
    }

    [Fact]
    public async Task RowsSavedBeforeTheRule_StillMakeValidFeeds()
    {
        var post = await app.AddPostAsync(new PostBuilder("旧数据").InCategory("python").WithTags("旧标签"));
        // Straight into the table, past the rule, as a database from before it holds them.
        await app.WithDbAsync(db => db.Posts.Where(p => p.Id == post.Id).ExecuteUpdateAsync(s => s
            .SetProperty(p => p.Title, "旧数据\f\v\x01")
            .SetProperty(p => p.Summary, "旧摘要\x02")
            .SetProperty(p => p.Html, "<pre><code>a\fb\x1f</code></pre>")
            .SetProperty(p => p.UpdatedAt, DateTime.UtcNow)));
        await app.WithDbAsync(db => db.Tags.Where(t => t.Name == "旧标签").ExecuteUpdateAsync(s => s.SetProperty(t => t.Name, "旧标签\x04")));

        await AssertEverythingAnswersAsync(post.Slug, "旧数据");
        Assert.Contains("a\u240Cb\u241F", await app.CreateClient().GetStringAsync("/atom.xml"));
    }

    [Fact]
    public void Clean_ReplacesExactlyWhatXml10Forbids_ControlsByTheirPictures()
    {
        for (var c = 0; c <= 0xFFFF; c++)
        {
            var one = ((char)c).ToString();
            var cleaned = StoredText.Clean(one);
            var allowed = c is 0x9 or 0xA or 0xD || c is >= 0x20 and <= 0xD7FF || c is >= 0xE000 and <= 0xFFFD;
            if (allowed)
                Assert.Same(one, cleaned);
            else
                Assert.Equal(c < 0x20 ? ((char)(0x2400 + c)).ToString() : "\uFFFD", cleaned);
            Assert.Equal(cleaned, System.Xml.XmlConvert.VerifyXmlChars(cleaned));
        }
        Assert.Equal("😀𠀀", StoredText.Clean("😀𠀀")); // pairs are characters beyond the BMP, kept
        Assert.Equal("\uFFFD\uFFFD", StoredText.Clean("\uDC00\uD800")); // the wrong way round: two lone halves
    }
}
