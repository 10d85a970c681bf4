using Blog.Content;
using Blog.Import;

namespace Blog.Tests.Import;

public class ImageLinksTests
{
    private static readonly Blog.Content.MarkdownRenderer Renderer = new();

    private static List<LocalLink> Find(string markdown) =>
        ImageLinks.Find(Renderer.TryParse(markdown)!, markdown);

    private static string RewriteAll(string markdown) =>
        ImageLinks.Rewrite(markdown, Find(markdown).Select(l => new TextEdit(l.Start, l.Length, "/media/" + Path.GetFileName(l.Url).Replace(' ', '-'))));

    [Fact]
    public void Find_IgnoresCodeBlocksInlineCodeAndMath()
    {
        var markdown = """
            真正的图片 ![图1](images/real.png)

            ```markdown
            ![代码里的图](images/in-fence.png)
            ```

                ![缩进代码](images/indented.png)

            行内代码 `![x](images/inline-code.png)` 和公式 $![y](images/math.png)$。
            """;

        Assert.Equal(["images/real.png"], Find(markdown).Select(l => l.Url));
        var rewritten = RewriteAll(markdown);
        Assert.Contains("![图1](/media/real.png)", rewritten);
        Assert.Contains("![代码里的图](images/in-fence.png)", rewritten);
        Assert.Contains("`![x](images/inline-code.png)`", rewritten);
    }

    [Fact]
    public void Find_LocatesImagesInListsQuotesTablesAndReferenceDefinitions()
    {
        var markdown = """
            > - 引用里的列表 ![a](<assets/a b.png> "标题")
            >   第二行 ![b](./img/b\_c.png)

            | 图 | 说明 |
            |----|------|
            | ![c](c.png) | 表格 |

            ![d][fig] 和 [下载原图](images/e.jpg)、[代码](train.py)、![外链](https://example.com/f.png)

            [fig]: figures/d%20e.png "图 d"
            """;

        var rewritten = RewriteAll(markdown);

        Assert.Contains("![a](/media/a-b.png \"标题\")", rewritten);
        Assert.Contains("![b](/media/b_c.png)", rewritten);
        Assert.Contains("| ![c](/media/c.png) |", rewritten);
        Assert.Contains("[fig]: /media/d%20e.png \"图 d\"", rewritten);
        Assert.Contains("[下载原图](/media/e.jpg)", rewritten);
        Assert.Contains("[代码](train.py)", rewritten);
        Assert.Contains("(https://example.com/f.png)", rewritten);
    }

    [Theory]
    [InlineData("notes/ml/a.md", "assets/x.png", "notes/ml/assets/x.png")]
    [InlineData("notes/ml/a.md", "./assets/x.png", "notes/ml/assets/x.png")]
    [InlineData("notes/ml/a.md", "../images/x.png", "notes/images/x.png")]
    [InlineData("a.md", "images/my%20fig.png", "images/my fig.png")]
    [InlineData("a.md", "images\\win.png", "images/win.png")]
    [InlineData("source/_posts/a.md", "/images/x.png", "images/x.png")]
    [InlineData("a.md", "images/x.png?raw=true", "images/x.png")]
    public void Resolve_RelativeToTheNoteFolder(string noteKey, string url, string expectedKey)
    {
        var target = ImageLinks.Resolve(noteKey, url);

        Assert.Null(target.Problem);
        Assert.Equal(expectedKey, target.Keys[0]);
    }

    [Theory]
    [InlineData("a.md", "../outside.png", "outside")]
    [InlineData("notes/a.md", "../../outside.png", "outside")]
    [InlineData("a.md", "C:\\Users\\me\\AppData\\Roaming\\Typora\\typora-user-images\\x.png", "absolute path")]
    public void Resolve_PathsOutsideTheImport_AreRefused(string noteKey, string url, string problem)
    {
        Assert.Contains(problem, ImageLinks.Resolve(noteKey, url).Problem?.ToString());
    }

    [Theory]
    [InlineData("https://example.com/a.png")]
    [InlineData("//cdn.example.com/a.png")]
    [InlineData("data:image/png;base64,AAAA")]
    [InlineData("#section")]
    public void IsLocal_WebAddressesAreNot(string url)
    {
        Assert.False(ImageLinks.IsLocal(url));
    }
}
