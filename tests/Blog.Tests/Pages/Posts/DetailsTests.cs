using System.Net;
using System.Text.Json;
using Blog.Data;
using Blog.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Blog.Tests.Pages.Posts;

public class DetailsTests(BlogAppFactory app) : IClassFixture<BlogAppFactory>
{
    private const string LongNote = """
        ## 1. 幻觉 LoRA

        大模型的幻觉问题，公式 $p(y \mid x)$ 描述条件概率。

        ## 2. 方法

        ```python
        import torch.nn as nn
        ```

        ### 2.3 训练细节

        学习率 $\eta = 10^{-4}$。

        | 参数 | 值 |
        |---|---|
        | r | 8 |

        ![结构图](/media/arch.png)
        """;

    [Fact]
    public async Task Article_ShowsTitleDateCategoryTagsReadingTimeTocAndBody()
    {
        var post = await app.AddPostAsync(new PostBuilder("LoRA 低秩适配笔记").InCategory("large-model")
            .WithTags("LoRA", "微调").WithMarkdown(LongNote)
            .PublishedAt(new DateTime(2024, 5, 10, 3, 0, 0, DateTimeKind.Utc)));

        var page = await app.CreateClient().GetDocumentAsync($"/posts/{post.Slug}");

        Assert.Equal("LoRA 低秩适配笔记", page.QuerySelector("h1.article-title")?.TextContent);
        Assert.Equal("2024-05-10", page.QuerySelector(".article-header time")?.TextContent);
        Assert.Equal("Large Model", page.QuerySelector(".article-header .post-category")?.TextContent);
        Assert.Equal(["#LoRA", "#微调"], page.QuerySelectorAll(".tags a").Select(a => a.TextContent).Order());
        Assert.Matches(@"^阅读约 \d+ 分钟$", page.QuerySelector(".reading-time")?.TextContent);
        Assert.Equal(["1. 幻觉 LoRA", "2. 方法", "2.3 训练细节"], page.QuerySelectorAll("nav.toc a").Select(a => a.TextContent));
        // Titled in the reader's language, not announced in English by a label stored with the post.
        Assert.Equal("目录", page.QuerySelector(".toc-box summary")?.TextContent);
        Assert.Null(page.QuerySelector("nav.toc")?.GetAttribute("aria-label"));
        Assert.NotNull(page.GetElementById("1-幻觉-lora"));
        Assert.Contains(@"p(y \mid x)</annotation>", page.QuerySelector(".article-body")!.InnerHtml);
        Assert.Equal("lazy", page.QuerySelector(".article-body img")?.GetAttribute("loading"));
    }

    [Fact]
    public async Task Article_WithMath_ShipsKatexStylesButNoMathScript_AndHighlightOnlyWithCode()
    {
        var withBoth = await app.AddPostAsync(new PostBuilder().WithMarkdown(LongNote));
        var plain = await app.AddPostAsync(new PostBuilder().WithMarkdown("只有文字的笔记。"));
        var client = app.CreateClient();

        var rich = await client.GetDocumentAsync($"/posts/{withBoth.Slug}");
        var simple = await client.GetDocumentAsync($"/posts/{plain.Slug}");

        Assert.DoesNotContain(rich.Scripts, s => s.Source?.Contains("katex") == true);
        Assert.Contains(rich.QuerySelectorAll("link[rel=stylesheet]"), l => l.GetAttribute("href")!.Contains("katex"));
        Assert.Contains(rich.Scripts, s => s.Source?.Contains("highlight") == true);
        Assert.DoesNotContain(simple.Scripts, s => s.Source?.Contains("highlight") == true);
        Assert.DoesNotContain(simple.QuerySelectorAll("link[rel=stylesheet]"), l => l.GetAttribute("href")!.Contains("katex"));
    }

    [Fact]
    public async Task Article_FormulasArriveTypeset_WithoutTexSourceInTheReadableText()
    {
        var post = await app.AddPostAsync(new PostBuilder().WithMarkdown(
            "注意力 $\\mathrm{softmax}(QK^\\top/\\sqrt{d_k})V$ 的定义：\n\n$$\n\\sum_{i=1}^{n} \\alpha_i v_i\n$$\n\n以及 \\(p(y \\mid x)\\)。"));

        var page = await app.CreateClient().GetDocumentAsync($"/posts/{post.Slug}");

        var body = page.QuerySelector(".article-body")!;
        Assert.Equal(3, body.QuerySelectorAll(".katex").Length);
        Assert.Equal(3, body.QuerySelectorAll("math").Length);
        Assert.Single(body.QuerySelectorAll("div.math-display .katex-display"));
        // What a reader sees before (or without) any script holds no TeX: only MathML's annotation keeps the source.
        foreach (var annotation in body.QuerySelectorAll("annotation").ToList())
            annotation.Remove();
        Assert.DoesNotContain("\\", body.TextContent);
        Assert.DoesNotContain("$", body.TextContent);
    }

    [Fact]
    public async Task Article_HeadHasCanonicalFeedsOpenGraphAndJsonLd()
    {
        var post = await app.AddPostAsync(new PostBuilder("向量数据库笔记").WithMarkdown(LongNote).WithSummary("作者自己的摘要"));

        var page = await app.CreateClient().GetDocumentAsync($"/posts/{post.Slug}");

        Assert.Equal($"http://localhost/posts/{post.Slug}", page.QuerySelector("link[rel=canonical]")?.GetAttribute("href"));
        Assert.NotNull(page.QuerySelector("link[rel=alternate][type='application/rss+xml']"));
        Assert.NotNull(page.QuerySelector("link[rel=alternate][type='application/atom+xml']"));
        Assert.Equal("作者自己的摘要", page.QuerySelector("meta[name=description]")?.GetAttribute("content"));
        Assert.Equal("article", page.QuerySelector("meta[property='og:type']")?.GetAttribute("content"));
        Assert.Equal("http://localhost/media/arch.png", page.QuerySelector("meta[property='og:image']")?.GetAttribute("content"));
        var jsonLd = JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent).RootElement;
        Assert.Equal("BlogPosting", jsonLd.GetProperty("@type").GetString());
        Assert.Equal("向量数据库笔记", jsonLd.GetProperty("headline").GetString());
    }

    [Fact]
    public async Task Article_PublishedAtTheSameSecondAsOthers_LinksThemInTheOrderTheyWereAdded()
    {
        // An import gives a folder's notes one time; the blog's order then goes by id, and so do previous and next.
        var at = new DateTime(2022, 6, 1, 8, 0, 0, DateTimeKind.Utc);
        var first = await app.AddPostAsync(new PostBuilder("同一时刻 甲").PublishedAt(at));
        var second = await app.AddPostAsync(new PostBuilder("同一时刻 乙").PublishedAt(at));
        var third = await app.AddPostAsync(new PostBuilder("同一时刻 丙").PublishedAt(at));

        var page = await app.CreateClient().GetDocumentAsync($"/posts/{second.Slug}");

        Assert.Equal($"/posts/{first.Slug}", page.QuerySelector(".prev-next a.prev")?.GetAttribute("href"));
        Assert.Equal($"/posts/{third.Slug}", page.QuerySelector(".prev-next a.next")?.GetAttribute("href"));
    }

    [Fact]
    public async Task Article_LinksPreviousAndNextAndRelatedNotesWithExcerpts()
    {
        var day = new DateTime(2023, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var older = await app.AddPostAsync(new PostBuilder("较早的笔记").PublishedAt(day).WithTags("扩散"));
        var middle = await app.AddPostAsync(new PostBuilder("中间的笔记").PublishedAt(day.AddSeconds(1)).WithTags("扩散", "采样"));
        var newer = await app.AddPostAsync(new PostBuilder("较新的笔记").PublishedAt(day.AddSeconds(2)));
        var related = await app.AddPostAsync(new PostBuilder("相关的笔记").WithTags("采样")
            .WithMarkdown("采样方法的比较：DDPM 与 DDIM。"));

        var page = await app.CreateClient().GetDocumentAsync($"/posts/{middle.Slug}");

        Assert.Equal($"/posts/{older.Slug}", page.QuerySelector(".prev-next a.prev")?.GetAttribute("href"));
        Assert.Equal($"/posts/{newer.Slug}", page.QuerySelector(".prev-next a.next")?.GetAttribute("href"));
        var cards = page.QuerySelectorAll(".related .post-card");
        Assert.Contains(cards, c => c.QuerySelector("a")!.TextContent == related.Title
                                    && c.QuerySelector(".post-excerpt")!.TextContent == "采样方法的比较：DDPM 与 DDIM。...");
        Assert.Contains(cards, c => c.QuerySelector("a")!.TextContent == older.Title);
        Assert.DoesNotContain(cards, c => c.QuerySelector("a")!.TextContent == middle.Title);
    }

    [Fact]
    public async Task UnicodeSlug_WorksEndToEnd()
    {
        var post = await app.AddPostAsync(new PostBuilder("注意力机制").WithSlug("注意力机制-笔记"));

        var home = await app.CreateClient().GetDocumentAsync("/");
        var link = home.QuerySelectorAll(".post-card a").Single(a => a.TextContent == "注意力机制").GetAttribute("href")!;
        var article = await app.CreateClient().GetDocumentAsync(link);

        Assert.Equal("/posts/%E6%B3%A8%E6%84%8F%E5%8A%9B%E6%9C%BA%E5%88%B6-%E7%AC%94%E8%AE%B0", link);
        Assert.Equal(post.Title, article.QuerySelector("h1.article-title")?.TextContent);
    }

    [Fact]
    public async Task OldSlug_Answers301ToTheCurrentOne()
    {
        var post = await app.AddPostAsync(new PostBuilder().WithSlug("new-slug-for-rnn"));
        await app.WithDbAsync(async db =>
        {
            db.SlugRedirects.Add(new SlugRedirect { Kind = RedirectKind.Post, Slug = "old-slug-for-rnn", TargetId = post.Id });
            await db.SaveChangesAsync();
        });
        var client = app.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.GetAsync("/posts/old-slug-for-rnn");

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("/posts/new-slug-for-rnn", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task DraftsScheduledAndTrashedPosts_AreNotFound()
    {
        var draft = await app.AddPostAsync(new PostBuilder().AsDraft());
        var scheduled = await app.AddPostAsync(new PostBuilder().ScheduledAt(DateTime.UtcNow.AddDays(1)));
        var trashed = await app.AddPostAsync(new PostBuilder().Trashed());
        var client = app.CreateClient();

        foreach (var post in new[] { draft, scheduled, trashed })
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/posts/{post.Slug}")).StatusCode);
    }

    [Theory]
    [InlineData("/posts/does-not-exist")]
    [InlineData("/posts/with%20spaces")]
    [InlineData("/posts/100%25")]
    [InlineData("/posts/%F0%9F%98%80emoji")]
    [InlineData("/posts/%ZZ")]
    public async Task UnknownOrOddSlug_IsAFriendly404(string url)
    {
        var response = await app.CreateClient().GetAsync(url);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("页面不在这里", page.QuerySelector("h1")?.TextContent);
    }

    [Fact]
    public async Task TwoHundredCharacterSlug_IsA404NotAnError()
    {
        var response = await app.CreateClient().GetAsync("/posts/" + new string('长', 200));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task RenderError_StillShowsTheTextAsPlainText()
    {
        var post = await app.AddPostAsync(new PostBuilder().WithMarkdown(new string('>', 150) + " 嵌套太深的引用"));

        var page = await app.CreateClient().GetDocumentAsync($"/posts/{post.Slug}");
        var stored = await app.WithDbAsync(db => db.Posts.SingleAsync(p => p.Id == post.Id));

        Assert.Contains("嵌套太深的引用", page.QuerySelector(".article-body pre.unrendered")?.TextContent);
        Assert.NotNull(stored.RenderError);
        Assert.StartsWith(">>>", stored.Markdown);
    }
}
