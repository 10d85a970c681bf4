using System.Net;
using Blog.Search;
using Blog.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Blog.Tests.Search;

public class SearchTests(BlogAppFactory app) : IClassFixture<BlogAppFactory>
{
    private async Task<List<string>> TitlesFoundAsync(string query)
    {
        var page = await app.CreateClient().GetDocumentAsync("/search?q=" + Uri.EscapeDataString(query));
        return page.QuerySelectorAll(".search-results h2 a").Select(a => a.TextContent).ToList();
    }

    [Fact]
    public async Task TwoCharacterWord_FindsEveryNoteContainingItAndNoOther()
    {
        var inBody = await app.AddPostAsync(new PostBuilder("检索 正文").WithMarkdown("大模型会产生鲲鹏现象，需要校验。").PublishedAt(DateTime.UtcNow.AddDays(-2)));
        var inTitle = await app.AddPostAsync(new PostBuilder("鲲鹏问题综述").WithMarkdown("综述内容。"));
        await app.AddPostAsync(new PostBuilder("检索 分开").WithMarkdown("鲲在北冥，鹏在南海，两个字分开出现。"));

        var found = await TitlesFoundAsync("鲲鹏");

        Assert.Equal([inTitle.Title, inBody.Title], found);
    }

    [Fact]
    public async Task OneCharacter_IsFound()
    {
        var post = await app.AddPostAsync(new PostBuilder("信息论").WithMarkdown("交叉熵衡量两个分布的差异。"));

        Assert.Contains(post.Title, await TitlesFoundAsync("熵"));
    }

    [Fact]
    public async Task LongerChinesePhrase_MatchesOnlyTheContiguousText()
    {
        var exact = await app.AddPostAsync(new PostBuilder("短语 连续").WithMarkdown("本文讨论饕餮式的贪婪解码策略。"));
        await app.AddPostAsync(new PostBuilder("短语 不连续").WithMarkdown("饕餮出现，式的也出现，贪婪解码策略。"));

        Assert.Equal([exact.Title], await TitlesFoundAsync("饕餮式的贪婪"));
    }

    [Fact]
    public async Task SimplifiedAndTraditional_FindEachOther()
    {
        var traditional = await app.AddPostAsync(new PostBuilder("繁體筆記").WithMarkdown("模型的憂鬱與幻覺。"));
        var simplified = await app.AddPostAsync(new PostBuilder("简体笔记").WithMarkdown("模型的骚乱与偏见。"));

        Assert.Contains(traditional.Title, await TitlesFoundAsync("忧郁"));
        Assert.Contains(simplified.Title, await TitlesFoundAsync("騷亂"));
    }

    [Fact]
    public async Task CodeIdentifiersAndLatinTerms_AreFoundWhateverTheirCase()
    {
        var post = await app.AddPostAsync(new PostBuilder("注意力实现").WithMarkdown(
            "实现细节：\n\n```python\nclass QuuxAttention(nn.Module):\n    def forward(self, x):\n        return self.attn_quux(x)\n```\n\n使用 ZyxLoRA 微调。"));

        Assert.Contains(post.Title, await TitlesFoundAsync("nn.Module"));
        Assert.Contains(post.Title, await TitlesFoundAsync("self.attn_quux"));
        Assert.Contains(post.Title, await TitlesFoundAsync("zyxlora"));
        Assert.Contains(post.Title, await TitlesFoundAsync("ZYXLORA"));
    }

    [Fact]
    public async Task SeveralTerms_MeanAllOfThem_AndQuotesMeanAPhrase()
    {
        var both = await app.AddPostAsync(new PostBuilder("多词 都有").WithMarkdown("XyzRank 方法基于蜉蝣分解，low plover rank 结构。"));
        var one = await app.AddPostAsync(new PostBuilder("多词 只有一个").WithMarkdown("XyzRank 方法，plover rank low。"));

        Assert.Equal([both.Title], await TitlesFoundAsync("XyzRank 蜉蝣"));
        Assert.Equal([both.Title], await TitlesFoundAsync("\"low plover rank\""));
        Assert.Equal(2, (await TitlesFoundAsync("plover rank low")).Intersect([both.Title, one.Title]).Count());
    }

    [Fact]
    public async Task TagsCategoryAndSummary_AreSearched()
    {
        var post = await app.AddPostAsync(new PostBuilder("元数据检索").InCategory("generative-model")
            .WithTags("瓦尔基").WithSummary("摘要里有蓬莱二字").WithMarkdown("正文无关。"));

        Assert.Contains(post.Title, await TitlesFoundAsync("瓦尔基"));
        Assert.Contains(post.Title, await TitlesFoundAsync("蓬莱"));
        Assert.Contains(post.Title, await TitlesFoundAsync("元数据检索 Generative"));
    }

    [Fact]
    public async Task DraftsScheduledAndTrashedPosts_AreNeverFound()
    {
        await app.AddPostAsync(new PostBuilder("隐藏 草稿").WithMarkdown("秘密词汇琥珀").AsDraft());
        await app.AddPostAsync(new PostBuilder("隐藏 定时").WithMarkdown("秘密词汇琥珀").ScheduledAt(DateTime.UtcNow.AddDays(1)));
        await app.AddPostAsync(new PostBuilder("隐藏 回收").WithMarkdown("秘密词汇琥珀").Trashed());

        Assert.Empty(await TitlesFoundAsync("琥珀"));
    }

    [Fact]
    public async Task Snippet_HighlightsMatchesAndEscapesTheText()
    {
        await app.AddPostAsync(new PostBuilder("片段").WithMarkdown("示例 `<script>alert(1)</script>` 与玳瑁模型。"));

        var page = await app.CreateClient().GetDocumentAsync("/search?q=" + Uri.EscapeDataString("玳瑁"));
        var snippet = page.QuerySelector(".search-results .snippet")!;

        Assert.Equal("玳瑁", snippet.QuerySelector("mark")?.TextContent);
        Assert.Contains("<script>alert(1)</script>", snippet.TextContent);
        Assert.Null(snippet.QuerySelector("script"));
    }

    [Fact]
    public async Task Index_FollowsEditsAndDeletions()
    {
        var post = await app.AddPostAsync(new PostBuilder("旧标题麒麟").WithMarkdown("内容。"));
        await app.WithDbAsync(async db =>
        {
            var stored = await db.Posts.SingleAsync(p => p.Id == post.Id);
            stored.ReplaceText("新标题貔貅", stored.Markdown);
            await db.SaveChangesAsync();
        });
        Assert.Empty(await TitlesFoundAsync("麒麟"));
        Assert.Equal(["新标题貔貅"], await TitlesFoundAsync("貔貅"));

        await app.WithDbAsync(async db =>
        {
            db.Posts.Remove(await db.Posts.SingleAsync(p => p.Id == post.Id));
            await db.SaveChangesAsync();
        });
        Assert.Empty(await TitlesFoundAsync("貔貅"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\"")]
    [InlineData("\"未闭合的引号")]
    [InlineData("*")]
    [InlineData("a*")]
    [InlineData("NEAR(a b)")]
    [InlineData("^start")]
    [InlineData("-minus")]
    [InlineData("title:x")]
    [InlineData("{title_uni} : x")]
    [InlineData("AND OR NOT")]
    [InlineData("\u0001\u0002控制字符\u007f")]
    [InlineData("😀🎉")]
    [InlineData("！？。，")]
    public async Task AnyQuery_GivesAPageNeverAnError(string query)
    {
        var response = await app.CreateClient().GetAsync("/search?q=" + Uri.EscapeDataString(query));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task VeryLongQuery_IsSearchedAndSaysItWasCut()
    {
        var page = await app.CreateClient().GetDocumentAsync("/search?q=" + Uri.EscapeDataString(new string('长', 2000)));

        Assert.Contains("只搜索了前 200 个字符", page.QuerySelector(".search-message")?.TextContent);
    }

    [Fact]
    public async Task EmptyQuery_ExplainsWhatToType()
    {
        var page = await app.CreateClient().GetDocumentAsync("/search?q=");

        Assert.Contains("输入要搜索的词", page.QuerySelector(".search-message")?.TextContent);
        Assert.Empty(page.QuerySelectorAll(".search-results li"));
    }
}
