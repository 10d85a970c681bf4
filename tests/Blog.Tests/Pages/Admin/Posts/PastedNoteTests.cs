using AngleSharp.Html.Parser;
using Blog.Data;
using Blog.Tests.Import;
using Blog.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Blog.Tests.Pages.Admin.Posts;

/// <summary>
/// A note copied out of Typora into the editor is read as the import reads the same file: the
/// author puts its opening "# " heading in the title field (the import takes the title from it) and
/// pastes the rest.
/// </summary>
public class PastedNoteTests(BlogAppFactory app) : IClassFixture<BlogAppFactory>
{
    private static string Title(string id) => "贝尔曼方程 " + id;

    private static string TyporaNote(string id) => $"# {Title(id)}\n\n{Body}";

    private const string Body = """
        [TOC]

        ## 定义

        给定策略$\pi$，状态价值$V_{\pi}(s)$满足**贝尔曼期望方程（Bellman）**讨论的递推，==重点==是折扣$ \gamma $。

        <!-- 推导还没写完 -->

        <center><img src="https://example.com/figures/bellman.png" style="zoom:50%;" /></center>
        如图，$R_{t+1}$ 是下一步的奖励。

        ![image-20240510091624087](assets/image-20240510091624087.png)

        > [!TIP] 记忆方法
        > 先算即时奖励，再加上折扣后的下一状态价值。
        """;

    [Fact]
    public async Task PastedTyporaNote_PreviewsAndPublishesAsItsImportRenders()
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        using var notes = new NoteFolder();
        notes.Write("bellman.md", TyporaNote(id));
        await app.ImportAsync(notes.Root);
        var imported = await app.WithDbAsync(db => db.Posts.AsNoTracking().SingleAsync(p => p.SourceKey!.EndsWith("/bellman.md") && p.Title == Title(id)));
        var client = await app.SignedInClientAsync();

        var preview = await client.PostFieldsAsync("/admin/posts/new?handler=Preview", await client.AntiforgeryTokenAsync(),
            new Dictionary<string, string> { ["Input.Title"] = Title(id), ["Input.Markdown"] = Body });
        var saved = (await client.SubmitFormAsync("/admin/posts/new", Editor.Form,
            Editor.Fields(Title(id), Body, "pasted-" + id), "立即发布")).SavedPostId();
        var published = await app.WithDbAsync(db => db.Posts.AsNoTracking().SingleAsync(p => p.Id == saved));

        var previewHtml = (await preview.ReadJsonAsync()).GetProperty("html").GetString()!;
        Assert.Equal(imported.Html, previewHtml);
        Assert.Equal(imported.Html, published.Html);
        var page = new HtmlParser().ParseDocument(published.Html!);
        Assert.Equal(["https://example.com/figures/bellman.png", "assets/image-20240510091624087.png"],
            page.QuerySelectorAll("img").Select(i => i.GetAttribute("src")));
        Assert.Equal(Body, published.Markdown); // links by URL stay as written until the author uploads them
        Assert.NotNull(page.QuerySelector(".callout"));
        Assert.NotNull(page.QuerySelector("mark"));
        Assert.DoesNotContain("$", page.Body!.TextContent);
        Assert.DoesNotContain("推导还没写完", page.Body!.TextContent);
    }
}
