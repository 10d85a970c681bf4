using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Blog.Data;
using Blog.Settings;
using Blog.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Blog.Tests.Pages.Admin.Posts;

public class IndexTests(BlogAppFactory app) : IClassFixture<BlogAppFactory>
{
    /// <summary>A word no other test's posts contain, to search the shared database for this test's posts only.</summary>
    private static string Marker() => "mk" + Guid.NewGuid().ToString("N")[..10];

    private static IElement Row(IDocument page, int id) =>
        page.QuerySelector($"tr#post-{id}") ?? throw new InvalidOperationException($"no row for post {id}");

    private static List<string> Titles(IDocument page) =>
        page.QuerySelectorAll(".posts-table td.title-cell > a:first-child").Select(a => a.TextContent).ToList();

    [Fact]
    public async Task List_ShowsTitleStatusCategoryTagsAndDatesInTheSiteTimeZone()
    {
        var marker = Marker();
        var published = await app.AddPostAsync(new PostBuilder($"注意力机制 {marker}").InCategory("large-model").WithTags("注意力", "Transformer")
            .PublishedAt(new DateTime(2024, 5, 10, 20, 30, 0, DateTimeKind.Utc)));
        var draft = await app.AddPostAsync(new PostBuilder($"扩散模型草稿 {marker}").AsDraft());
        var scheduled = await app.AddPostAsync(new PostBuilder($"定时发布 {marker}").ScheduledAt(DateTime.UtcNow.AddDays(3)));
        var store = app.Services.GetRequiredService<SiteSettingsStore>();
        await store.SaveAsync(store.Current with { TimeZone = "Asia/Shanghai" });
        var client = await app.SignedInClientAsync();

        var page = await client.GetDocumentAsync($"/admin/posts?q={marker}");

        var row = Row(page, published.Id);
        Assert.Equal($"/admin/posts/{published.Id}", row.QuerySelector("td.title-cell > a")!.GetAttribute("href"));
        Assert.Equal("已发布", row.QuerySelector(".status")!.TextContent);
        Assert.Contains("Large Model", row.TextContent);
        Assert.Contains("Transformer, 注意力", row.QuerySelector(".tags-cell")!.TextContent);
        Assert.Contains("2024-05-11 04:30", row.TextContent); // 20:30 UTC is 04:30 the next day in Shanghai
        Assert.Equal($"/posts/{published.Slug}", row.QuerySelector("a.view-link")!.GetAttribute("href"));

        Assert.Equal("草稿", Row(page, draft.Id).QuerySelector(".status")!.TextContent);
        Assert.Null(Row(page, draft.Id).QuerySelector("a.view-link"));
        Assert.Equal("定时", Row(page, scheduled.Id).QuerySelector(".status")!.TextContent);
        Assert.Null(Row(page, scheduled.Id).QuerySelector("a.view-link"));
        await store.SaveAsync(store.Current with { TimeZone = "UTC" });
    }

    [Theory]
    [InlineData("", new[] { "草稿", "定时", "已发布", "已过时的定时" })]
    [InlineData("draft", new[] { "草稿" })]
    [InlineData("scheduled", new[] { "定时" })]
    [InlineData("published", new[] { "已发布", "已过时的定时" })]
    [InlineData("trash", new[] { "回收站" })]
    [InlineData("no-such-status", new[] { "草稿", "定时", "已发布", "已过时的定时" })]
    public async Task StatusFilter_SeparatesDraftsScheduledPublishedAndTrash(string status, string[] expected)
    {
        var marker = Marker();
        await app.AddPostAsync(new PostBuilder($"草稿 {marker}").AsDraft());
        await app.AddPostAsync(new PostBuilder($"定时 {marker}").ScheduledAt(DateTime.UtcNow.AddHours(5)));
        await app.AddPostAsync(new PostBuilder($"已发布 {marker}"));
        // Its time has come: it is public, so it counts as published.
        await app.AddPostAsync(new PostBuilder($"已过时的定时 {marker}").ScheduledAt(DateTime.UtcNow.AddHours(-1)));
        await app.AddPostAsync(new PostBuilder($"回收站 {marker}").Trashed());
        var client = await app.SignedInClientAsync();

        var page = await client.GetDocumentAsync($"/admin/posts?status={status}&q={marker}");

        Assert.Equal(expected.Select(e => $"{e} {marker}").Order(), Titles(page).Order());
    }

    [Fact]
    public async Task CategoryAndTextFilters_CombineAndTheFormKeepsTheirValues()
    {
        var marker = Marker();
        var python = await app.AddPostAsync(new PostBuilder("装饰器笔记").InCategory("python")
            .WithMarkdown($"Python 的 decorator 语法，关键词 {marker}Decorator。"));
        await app.AddPostAsync(new PostBuilder("变分自编码器").InCategory("generative-model")
            .WithMarkdown($"VAE 也提到 {marker}Decorator。"));
        await app.AddPostAsync(new PostBuilder("另一篇 Python 笔记").InCategory("python").WithMarkdown("与关键词无关。"));
        var client = await app.SignedInClientAsync();

        var response = await client.SubmitFormAsync("/admin/posts", "form.admin-filters",
            new Dictionary<string, string> { ["category"] = "python", ["q"] = $"{marker}DECORATOR".ToUpperInvariant() });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();

        Assert.Equal([python.Title], Titles(page));
        Assert.Equal("python", ((IHtmlSelectElement)page.QuerySelector("select[name=category]")!).Value);
        Assert.Equal($"{marker}DECORATOR".ToUpperInvariant(), page.QuerySelector("input[name=q]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task TextFilter_FindsChineseInTitlesAndMarkdown()
    {
        var marker = Marker();
        var byTitle = await app.AddPostAsync(new PostBuilder($"反向传播 {marker}"));
        var byBody = await app.AddPostAsync(new PostBuilder($"梯度 {marker}").WithMarkdown("链式法则与反向传播的推导。"));
        var client = await app.SignedInClientAsync();

        var page = await client.GetDocumentAsync("/admin/posts?q=" + Uri.EscapeDataString("反向传播"));

        Assert.Contains(byTitle.Title, Titles(page));
        Assert.Contains(byBody.Title, Titles(page));
    }

    [Fact]
    public async Task TextFilter_FindsDraftsAndTheTrash_WrittenInEitherChineseScript_ByTheirTags()
    {
        var marker = Marker();
        var draft = await app.AddPostAsync(new PostBuilder($"草稿 {marker}").AsDraft().WithMarkdown("機器學習的損失函數。"));
        var trashed = await app.AddPostAsync(new PostBuilder($"旧笔记 {marker}").Trashed().WithMarkdown("机器学习入门。"));
        var tagged = await app.AddPostAsync(new PostBuilder($"只有标签 {marker}").WithTags("机器学习").WithMarkdown("正文里没有这个词。"));
        await app.AddPostAsync(new PostBuilder($"无关 {marker}").WithMarkdown("机器人与学习。"));
        var client = await app.SignedInClientAsync();
        var search = "/admin/posts?q=" + Uri.EscapeDataString($"机器学习 {marker}");

        Assert.Equal(new[] { draft.Title, tagged.Title }.Order(), Titles(await client.GetDocumentAsync(search)).Order());
        Assert.Equal([trashed.Title], Titles(await client.GetDocumentAsync(search + "&status=trash")));
    }

    [Fact]
    public async Task Paging_TwentyPerPageNewestEditsFirst()
    {
        var marker = Marker();
        var posts = new List<Post>();
        for (var i = 0; i < 21; i++)
            posts.Add(await app.AddPostAsync(new PostBuilder($"分页 {i:00} {marker}")));
        // The oldest post was edited last, so it leads the list.
        await app.WithDbAsync(db => db.Posts.Where(p => p.Id == posts[0].Id)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.UpdatedAt, DateTime.UtcNow.AddMinutes(1))));
        var client = await app.SignedInClientAsync();

        var first = await client.GetDocumentAsync($"/admin/posts?q={marker}");
        var older = first.QuerySelector(".pager a[rel=next]")!.GetAttribute("href")!;
        var second = await client.GetDocumentAsync(older);

        Assert.Equal(20, Titles(first).Count);
        Assert.Equal(posts[0].Title, Titles(first)[0]);
        Assert.Equal(posts[20].Title, Titles(first)[1]);
        Assert.Equal($"/admin/posts?q={marker}&page=2", older);
        Assert.Equal([posts[1].Title], Titles(second));
        Assert.Contains("第 2 页，共 2 页", second.QuerySelector(".pager")!.TextContent);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("abc")]
    [InlineData("99999999999999999999")]
    [InlineData("500")]
    public async Task Paging_BadPageNumbersShowARealPage(string pageNumber)
    {
        var client = await app.SignedInClientAsync();

        var response = await client.GetAsync($"/admin/posts?page={pageNumber}&status=published");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull((await response.ReadDocumentAsync()).QuerySelector("form.admin-filters"));
    }

    [Fact]
    public async Task MoveToTrash_HidesThePostFromTheSiteAndRestoreBringsItBack()
    {
        const string word = "卷积回收";
        var post = await app.AddPostAsync(new PostBuilder($"回收测试：{word}网络").InCategory("python").WithMarkdown($"关于{word}的笔记。"));
        var client = await app.SignedInClientAsync();
        var reader = app.CreateClient();
        var lists = new[] { "/", "/category/python", "/feed.xml", "/sitemap.xml", "/search?q=" + Uri.EscapeDataString(word) };
        async Task<List<string>> ListsShowingItAsync()
        {
            var showing = new List<string>();
            foreach (var url in lists)
                if ((await reader.GetStringAsync(url)).Contains(post.Slug))
                    showing.Add(url);
            return showing;
        }
        // Seen by readers first, so that the pages sit in the output cache.
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/posts/{post.Slug}")).StatusCode);
        Assert.Equal(lists, await ListsShowingItAsync());

        var trashed = await client.SubmitFormAsync($"/admin/posts?q={Uri.EscapeDataString(post.Title)}", $"tr#post-{post.Id} form", button: "移到回收站");
        var list = await client.FollowAsync(trashed);

        Assert.Equal($"已把“{post.Title}”移到回收站。如果是误操作，可以从回收站恢复。", list.Status());
        Assert.StartsWith("/admin/posts?q=", trashed.Headers.Location!.OriginalString); // back to the same filtered list
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/posts/{post.Slug}")).StatusCode);
        Assert.Empty(await ListsShowingItAsync());
        var trash = await client.GetDocumentAsync($"/admin/posts?status=trash&q={Uri.EscapeDataString(post.Title)}");
        Assert.Equal("回收站", Row(trash, post.Id).QuerySelector(".status")!.TextContent);

        var restored = await client.SubmitFormAsync($"/admin/posts?status=trash&q={Uri.EscapeDataString(post.Title)}", $"tr#post-{post.Id} form", button: "恢复");

        Assert.Equal($"已恢复“{post.Title}”。", (await client.FollowAsync(restored)).Status());
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/posts/{post.Slug}")).StatusCode);
        Assert.Equal(lists, await ListsShowingItAsync());
    }

    [Fact]
    public async Task Trash_ListsTheLastThrownAwayFirst_WhateverWasEditedLast()
    {
        var marker = Marker();
        var editedLast = await app.AddPostAsync(new PostBuilder($"先删的笔记 {marker}"));
        var thrownLast = await app.AddPostAsync(new PostBuilder($"后删的笔记 {marker}"));
        var now = DateTime.UtcNow;
        await app.WithDbAsync(async db =>
        {
            await db.Posts.Where(p => p.Id == editedLast.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.UpdatedAt, now).SetProperty(p => p.DeletedAt, now.AddDays(-2)));
            await db.Posts.Where(p => p.Id == thrownLast.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.UpdatedAt, now.AddDays(-5)).SetProperty(p => p.DeletedAt, now.AddDays(-1)));
        });
        var client = await app.SignedInClientAsync();

        var trash = await client.GetDocumentAsync($"/admin/posts?status=trash&q={marker}");

        Assert.Equal([thrownLast.Title, editedLast.Title], Titles(trash));
    }

    [Fact]
    public async Task TrashHandler_TakesTheIdTheEditorPosts()
    {
        var post = await app.AddPostAsync(new PostBuilder("编辑器里删除的笔记"));
        var client = await app.SignedInClientAsync();

        var response = await client.PostWithTokenAsync("/admin/posts?handler=Trash", new Dictionary<string, string> { ["id"] = post.Id.ToString() });

        Assert.Equal("/admin/posts", response.Headers.Location?.OriginalString);
        Assert.NotNull(await app.WithDbAsync(db => db.Posts.Where(p => p.Id == post.Id).Select(p => p.DeletedAt).SingleAsync()));
    }

    [Fact]
    public async Task DeleteForever_RemovesThePostWithItsRevisionsTagLinksAndRedirects()
    {
        var post = await app.AddPostAsync(new PostBuilder("彻底删除：循环神经网络").WithTags("永久删除标签").Trashed());
        var keeper = await app.AddPostAsync(new PostBuilder("保留：同一标签").WithTags("永久删除标签"));
        await app.WithDbAsync(async db =>
        {
            db.Revisions.Add(new Revision { PostId = post.Id, Title = "旧标题", Markdown = "旧内容", SavedAt = DateTime.UtcNow });
            db.SlugRedirects.Add(new SlugRedirect { Kind = RedirectKind.Post, Slug = post.Slug + "-old", TargetId = post.Id });
            await db.SaveChangesAsync();
        });
        var client = await app.SignedInClientAsync();

        var response = await client.SubmitFormAsync($"/admin/posts?status=trash&q={Uri.EscapeDataString(post.Title)}", $"tr#post-{post.Id} form", button: "永久删除");

        Assert.Equal($"已永久删除“{post.Title}”。", (await client.FollowAsync(response)).Status());
        await app.WithDbAsync(async db =>
        {
            Assert.False(await db.Posts.AnyAsync(p => p.Id == post.Id));
            Assert.False(await db.Revisions.AnyAsync(r => r.PostId == post.Id));
            Assert.False(await db.SlugRedirects.AnyAsync(r => r.Kind == RedirectKind.Post && r.TargetId == post.Id));
            var tag = await db.Tags.Include(t => t.Posts).SingleAsync(t => t.Name == "永久删除标签");
            Assert.Equal([keeper.Id], tag.Posts.Select(p => p.Id));
        });
    }

    [Fact]
    public async Task DeleteForever_RefusesAPostThatIsNotInTheTrash()
    {
        var post = await app.AddPostAsync(new PostBuilder("未进回收站的笔记"));
        var client = await app.SignedInClientAsync();

        var response = await client.PostWithTokenAsync("/admin/posts?handler=DeleteForever", new Dictionary<string, string> { ["id"] = post.Id.ToString() });

        Assert.Equal($"“{post.Title}”不在回收站中：请先把它移到回收站。", (await client.FollowAsync(response)).Status());
        Assert.True(await app.WithDbAsync(db => db.Posts.AnyAsync(p => p.Id == post.Id)));
    }

    [Theory]
    [InlineData("Trash")]
    [InlineData("Restore")]
    [InlineData("DeleteForever")]
    public async Task Actions_OnAPostThatIsAlreadyGone_SaySoWithoutAnError(string handler)
    {
        var client = await app.SignedInClientAsync();

        var response = await client.PostWithTokenAsync($"/admin/posts?handler={handler}", new Dictionary<string, string> { ["id"] = "987654" });

        Assert.Equal("这篇文章已不存在。", (await client.FollowAsync(response)).Status());
    }

    [Fact]
    public async Task EmptyTrash_ConfirmsHowManyThenDeletesOnlyThose()
    {
        await app.AddPostAsync(new PostBuilder("清空回收站 一").Trashed());
        await app.AddPostAsync(new PostBuilder("清空回收站 二").Trashed());
        var live = await app.AddPostAsync(new PostBuilder("清空回收站时留下的笔记"));
        var inTrash = await app.WithDbAsync(db => db.Posts.CountAsync(p => p.DeletedAt != null));
        var client = await app.SignedInClientAsync();

        var confirmation = await client.GetDocumentAsync("/admin/posts/empty-trash");
        confirmation.Location.Href = "http://localhost/admin/posts/empty-trash";
        Assert.Contains($"{inTrash} 篇文章及其修订记录将被永久删除", confirmation.QuerySelector(".confirm-question")!.TextContent);
        Assert.Contains("清空回收站 一", confirmation.QuerySelector("main")!.TextContent);
        // Trashed in another tab after the confirmation was shown: not part of what was confirmed.
        var late = await app.AddPostAsync(new PostBuilder("确认之后才删除的笔记"));
        var form = (IHtmlFormElement)confirmation.QuerySelector("main form")!;
        var afterConfirmation = DateTime.UtcNow.AddSeconds(1); // later than the page's time, without waiting for it
        await app.WithDbAsync(db => db.Posts.Where(p => p.Id == late.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.DeletedAt, afterConfirmation)));

        var response = await client.SubmitAsync(form);

        Assert.Equal($"已永久删除 {inTrash} 篇文章。", (await client.FollowAsync(response)).Status());
        await app.WithDbAsync(async db =>
        {
            Assert.Equal([late.Id], await db.Posts.Where(p => p.DeletedAt != null).Select(p => p.Id).ToListAsync());
            Assert.True(await db.Posts.AnyAsync(p => p.Id == live.Id));
        });
    }

    [Fact]
    public async Task List_ShowsHtmlInTitlesAsText()
    {
        var post = await app.AddPostAsync(new PostBuilder("<script>alert(1)</script> 注入测试"));
        var client = await app.SignedInClientAsync();

        var page = await client.GetDocumentAsync("/admin/posts?q=" + Uri.EscapeDataString("注入测试"));

        Assert.Equal(post.Title, Row(page, post.Id).QuerySelector("td.title-cell > a")!.TextContent);
        Assert.Empty(page.QuerySelectorAll("main script"));
    }
}
