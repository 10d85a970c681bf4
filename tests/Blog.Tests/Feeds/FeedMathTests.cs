using System.Xml.Linq;
using AngleSharp.Html.Parser;
using Blog.Tests.Infrastructure;

namespace Blog.Tests.Feeds;

/// <summary>Feed readers have no KaTeX stylesheet and run no script: formulas reach them as MathML.</summary>
public class FeedMathTests(BlogAppFactory app) : IClassFixture<BlogAppFactory>
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace Content = "http://purl.org/rss/1.0/modules/content/";

    private const string Note = """
        $\newcommand{\Attn}{\operatorname{Attention}}$ 缩放点积注意力 $\Attn(Q,K,V)$ 的定义：

        $$
        \Attn(Q,K,V) = \mathrm{softmax}\left(\frac{QK^\top}{\sqrt{d_k}}\right)V
        $$

        写错的公式 $\frac{1}{$ 不影响后文，<b>粗体</b> & 符号 $a < b$。
        """;

    [Theory]
    [InlineData("/feed.xml")]
    [InlineData("/atom.xml")]
    public async Task Feed_CarriesFormulasAsMathMlOnly_NoKatexHtmlNoTex(string path)
    {
        var post = await app.AddPostAsync(new PostBuilder($"订阅公式 {path}").WithMarkdown(Note).PublishedAt(DateTime.UtcNow.AddSeconds(-5)));

        // Parsed as a feed reader does: well-formed XML, then the entry's HTML.
        var xml = XDocument.Parse(await app.CreateClient().GetStringAsync(path));
        var entry = path == "/feed.xml"
            ? xml.Descendants("item").Single(i => i.Element("title")!.Value == post.Title).Element(Content + "encoded")!.Value
            : xml.Descendants(Atom + "entry").Single(e => e.Element(Atom + "title")!.Value == post.Title).Element(Atom + "content")!.Value;
        var html = new HtmlParser().ParseDocument($"<body>{entry}</body>").Body!;

        var formulas = html.QuerySelectorAll("math");
        Assert.Equal(4, formulas.Length); // the definition, the inline use, the display block, a < b
        Assert.Single(formulas, m => m.GetAttribute("display") == "block");
        Assert.Contains("Attention", formulas[1].TextContent);
        Assert.Empty(html.QuerySelectorAll("[class*=katex], [class*=math], [style], annotation"));
        Assert.Equal("\\frac{1}{", html.QuerySelector("p code")!.TextContent);
        foreach (var code in html.QuerySelectorAll("code").ToList())
            code.Remove();
        Assert.DoesNotContain("\\", html.TextContent);
        Assert.DoesNotContain("$", html.TextContent);
    }

    [Fact]
    public async Task FeedSummary_ReadsFormulasAsText()
    {
        var post = await app.AddPostAsync(new PostBuilder("订阅公式摘要").WithMarkdown("缩放因子 $\\frac{1}{\\sqrt{d_k}}$ 防止梯度过小。")
            .PublishedAt(DateTime.UtcNow.AddSeconds(-5)));

        var rss = XDocument.Parse(await app.CreateClient().GetStringAsync("/feed.xml"));

        var item = rss.Descendants("item").Single(i => i.Element("title")!.Value == post.Title);
        Assert.Equal("缩放因子 1/√d_k 防止梯度过小。...", item.Element("description")!.Value);
    }
}
