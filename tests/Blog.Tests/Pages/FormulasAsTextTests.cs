using System.Text.Json;
using Blog.Tests.Infrastructure;

namespace Blog.Tests.Pages;

/// <summary>Wherever a note is shown as text (lists, related notes, search, descriptions, JSON-LD), its formulas read as text, never as TeX.</summary>
public class FormulasAsTextTests(BlogAppFactory app) : IClassFixture<BlogAppFactory>
{
    private const string Note = "缩放点积注意力 $\\mathrm{softmax}(QK^\\top/\\sqrt{d_k})V$ 中，因子 $\\frac{1}{\\sqrt{d_k}}$ 让 $N \\times N$ 的分数矩阵保持稳定。";
    private const string Readable = "缩放点积注意力 softmax(QKᵀ/√d_k)V 中，因子 1/√d_k 让 N × N 的分数矩阵保持稳定。...";

    [Fact]
    public async Task Excerpts_Descriptions_JsonLd_AndSearchSnippets_ShowFormulasAsReadableText()
    {
        var tag = "公式标签" + Guid.NewGuid().ToString("N")[..6];
        var post = await app.AddPostAsync(new PostBuilder("公式可读 注意力").WithTags(tag).WithMarkdown(Note));
        var other = await app.AddPostAsync(new PostBuilder("公式可读 另一篇").WithTags(tag).WithMarkdown("同一标签的笔记。"));
        var client = app.CreateClient();

        var home = await client.GetDocumentAsync("/");
        var article = await client.GetDocumentAsync($"/posts/{post.Slug}");
        var related = await client.GetDocumentAsync($"/posts/{other.Slug}");
        var search = await client.GetDocumentAsync("/search?q=" + Uri.EscapeDataString("分数矩阵"));

        Assert.Contains(home.QuerySelectorAll(".post-excerpt"), e => e.TextContent == Readable);
        Assert.Contains(related.QuerySelectorAll(".related .post-excerpt"), e => e.TextContent == Readable);
        Assert.Equal(Readable, article.QuerySelector("meta[name=description]")?.GetAttribute("content"));
        Assert.Equal(Readable, article.QuerySelector("meta[property='og:description']")?.GetAttribute("content"));
        using var jsonLd = JsonDocument.Parse(article.QuerySelector("script[type='application/ld+json']")!.TextContent);
        Assert.Equal(Readable, jsonLd.RootElement.GetProperty("description").GetString());
        var snippet = search.QuerySelectorAll(".search-results .snippet").Select(s => s.TextContent).Single(s => s.Contains("分数矩阵"));
        Assert.Contains("softmax(QKᵀ/√d_k)V", snippet);
        Assert.DoesNotContain("\\", snippet);
        Assert.DoesNotContain("$", snippet);
    }
}
