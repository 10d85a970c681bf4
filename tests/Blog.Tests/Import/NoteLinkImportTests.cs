using AngleSharp.Html.Parser;
using Blog.Data;
using Blog.Import;
using Blog.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Blog.Tests.Import;

/// <summary>Links between notes and images wherever a note puts them, as Typora, docsify and Obsidian write them.</summary>
public class NoteLinkImportTests(BlogAppFactory app) : IClassFixture<BlogAppFactory>
{
    private Task<Post> PostAsync(string id, string key) =>
        app.WithDbAsync(db => db.Posts.AsNoTracking().SingleAsync(p => p.SourceKey!.EndsWith($"{id}/{key}")));

    private static AngleSharp.Html.Dom.IHtmlDocument Html(Post post) => new HtmlParser().ParseDocument(post.Html);

    [Fact]
    public async Task RelativeAndWikiLinks_PointAtThePostsAndTheirHeadings()
    {
        using var notes = new NoteFolder();
        notes.Write($"{notes.Id}/chapter1/chapter1.md",
            $"# 第一章 {notes.Id}\n\n见[第二章](../chapter2/chapter2.md)、[小结](../chapter2/chapter2.md#小结)、[空格](../chapter2/my%20note.md)，"
            + "以及 [[chapter2]]、[[chapter2|下一章]]、[[chapter2#小结]]、[本章小结](./chapter1.md#本章小结)。\n\n## 本章小结\n\n完。\n\n`[[chapter2]]` 是写法示例。\n");
        notes.Write($"{notes.Id}/chapter2/chapter2.md", $"# 第二章 {notes.Id}\n\n## 小结\n\n完。\n");
        notes.Write($"{notes.Id}/chapter2/my note.md", $"# 带空格的笔记 {notes.Id}\n");

        var report = await app.ImportAsync(Path.Combine(notes.Root, notes.Id));

        var second = await PostAsync(notes.Id, "chapter2/chapter2.md");
        var spaced = await PostAsync(notes.Id, "chapter2/my note.md");
        var page = Html(await PostAsync(notes.Id, "chapter1/chapter1.md"));
        var hrefs = page.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ToList();
        var url = $"/posts/{Uri.EscapeDataString(second.Slug)}";
        Assert.Contains(hrefs, h => Uri.UnescapeDataString(h!) == $"/posts/{second.Slug}");
        Assert.Contains(hrefs, h => Uri.UnescapeDataString(h!) == $"/posts/{second.Slug}#小结");
        Assert.Contains(hrefs, h => Uri.UnescapeDataString(h!) == $"/posts/{spaced.Slug}");
        Assert.Contains(hrefs, h => Uri.UnescapeDataString(h!) == "#本章小结");
        Assert.Equal("下一章", page.QuerySelectorAll("a").Single(a => a.TextContent == "下一章").TextContent);
        Assert.DoesNotContain(hrefs, h => h!.EndsWith(".md") || h.Contains(".md#"));
        Assert.Equal("[[chapter2]]", page.QuerySelector("code")!.TextContent);
        Assert.Contains("earlier notes linked", report.Summary);
        Assert.NotNull(url);
    }

    [Fact]
    public async Task LinkToANoteNotImportedYet_IsReported_AndResolvedWhenItArrives()
    {
        using var notes = new NoteFolder();
        notes.Write($"{notes.Id}/a.md", $"# 先到的笔记 {notes.Id}\n\n下一篇：[后到的笔记](b.md) 与 [[b]]。\n");

        var first = await app.ImportAsync(Path.Combine(notes.Root, notes.Id));
        notes.Write($"{notes.Id}/b.md", $"# 后到的笔记 {notes.Id}\n");
        var second = await app.ImportAsync(Path.Combine(notes.Root, notes.Id));

        Assert.Contains("link b.md points to a note that is not imported", first.Item("a.md").Message);
        Assert.Contains("a.md", second.Linked);
        var b = await PostAsync(notes.Id, "b.md");
        var links = Html(await PostAsync(notes.Id, "a.md")).QuerySelectorAll("a").Select(a => Uri.UnescapeDataString(a.GetAttribute("href")!)).ToList();
        Assert.Equal([$"/posts/{b.Slug}", $"/posts/{b.Slug}"], links);
        var third = await app.ImportAsync(Path.Combine(notes.Root, notes.Id));
        Assert.All(third.Items, i => Assert.Equal(ImportOutcome.Skipped, i.Outcome));
    }

    [Fact]
    public async Task ImagesInInlineHtmlObsidianEmbedsAndTyporaFolders_AreImported()
    {
        using var notes = new NoteFolder();
        var png = TestPng.Create(1, 2, 3);
        notes.WriteBytes($"{notes.Id}/img/ch1/1.1.png", png);
        notes.WriteBytes($"{notes.Id}/attachments/结构图.png", TestPng.Create(4, 5, 6));
        notes.WriteBytes($"{notes.Id}/笔记 一.assets/image-20240510091624087.png", TestPng.Create(7, 8, 9));
        notes.Write($"{notes.Id}/ch1/笔记 一.md",
            $"# 图片 {notes.Id}\n\n<div align=center><img src=\"../img/ch1/1.1.png\" style=\"zoom:50%;\" /></div>\n\n"
            + "![[结构图.png|300]]\n\n![image-20240510091624087](../笔记%20一.assets/image-20240510091624087.png)\n\n"
            + "![丢失](C:\\Users\\me\\Typora\\a.png) <img src=\"/Users/me/Library/typora/b.png\">\n");

        var report = await app.ImportAsync(Path.Combine(notes.Root, notes.Id));

        var page = Html(await PostAsync(notes.Id, "ch1/笔记 一.md"));
        var sources = page.QuerySelectorAll("img").Select(i => i.GetAttribute("src")!).ToList();
        Assert.StartsWith("/media/", sources[0]);
        // Typora's zoom is kept: as the style, or turned into the width of the stored image.
        var resized = page.QuerySelectorAll("img")[0];
        Assert.True((resized.GetAttribute("style") ?? "").Contains("zoom") || resized.HasAttribute("width"), resized.OuterHtml);
        Assert.StartsWith("/media/", sources[1]);
        Assert.Equal("300", page.QuerySelectorAll("img")[1].GetAttribute("width"));
        Assert.StartsWith("/media/", sources[2]);
        var message = report.Item("ch1/笔记 一.md").Message!;
        Assert.Contains("Typora\\a.png is an absolute path", message);
        Assert.Contains("/Users/me/Library/typora/b.png is an absolute path", message);
        Assert.DoesNotContain("[[", page.Body!.TextContent);
    }
}
