using System.Net;
using System.Xml.Linq;
using Blog.Data;
using Blog.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Blog.Tests.Hosting;

/// <summary>
/// Two app nodes on one database, as behind a load balancer: whichever node answers, the author
/// stays signed in, forms post, and readers see what was published through the other node.
/// </summary>
public class TwoNodesTests(TwoNodes nodes) : IClassFixture<TwoNodes>
{
    private FakeClockBlogApp First => nodes.First;
    private SecondNode Second => nodes.Second;

    private static string Unique(string stem) => $"{stem} {Guid.NewGuid().ToString("N")[..8]}";

    private async Task<Browser> SignedInOnFirstAsync(string userName)
    {
        await First.CreateUserAsync(userName);
        var browser = new Browser();
        var login = await browser.FormAsync(First, "/admin/login", "form");
        var response = await browser.On(First).SubmitAsync(login,
            new Dictionary<string, string> { ["Input.UserName"] = userName, ["Input.Password"] = Forms.Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True(browser.HasCookie("blog.auth"), "signing in set no cookie");
        return browser;
    }

    [Fact]
    public async Task SignInOnOneNode_TheOtherNodeKnowsTheAuthor()
    {
        var browser = await SignedInOnFirstAsync("two-nodes-cookie");

        var dashboard = await browser.On(Second).GetAsync("/admin");
        var editor = await browser.On(Second).GetAsync("/admin/posts/new");

        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Equal(HttpStatusCode.OK, editor.StatusCode);
    }

    [Fact]
    public async Task SignInForm_RenderedByOneNode_IsAcceptedByTheOther()
    {
        await First.CreateUserAsync("two-nodes-login");
        var browser = new Browser();
        var login = await browser.FormAsync(First, "/admin/login", "form");

        var response = await browser.On(Second).SubmitAsync(login,
            new Dictionary<string, string> { ["Input.UserName"] = "two-nodes-login", ["Input.Password"] = Forms.Password });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.On(First).GetAsync("/admin")).StatusCode);
    }

    [Fact]
    public async Task EditorForm_RenderedByOneNode_SavesThroughTheOther()
    {
        var browser = await SignedInOnFirstAsync("two-nodes-editor");
        var title = Unique("跨节点保存 cross-node save");
        var editor = await browser.FormAsync(First, "/admin/posts/new", Editor.Form);

        var response = await browser.On(Second).SubmitAsync(editor, Editor.Fields(title, "在一个节点打开，在另一个节点保存。$x^2$"), "保存草稿");

        var id = response.SavedPostId();
        Assert.Equal(title, await First.WithDbAsync(db => db.Posts.Where(p => p.Id == id).Select(p => p.Title).SingleAsync()));
    }

    [Fact]
    public async Task PublishThroughOneNode_ShowsOnTheOthersCachedPagesAtItsNextLook()
    {
        var browser = await SignedInOnFirstAsync("two-nodes-publish");
        var title = Unique("跨节点发布 published elsewhere");
        var slug = "cross-" + Guid.NewGuid().ToString("N")[..10];
        var reader = Second.CreateClient();
        foreach (var url in new[] { "/", "/feed.xml", $"/posts/{slug}" })
            await reader.GetAsync(url); // cached on the second node, the article as a 404

        var response = await browser.On(First).SubmitAsync(
            await browser.FormAsync(First, "/admin/posts/new", Editor.Form), Editor.Fields(title, "公式 $E=mc^2$。", slug), "立即发布");
        response.SavedPostId();
        // The second node looks for another node's saves once a second: until then it serves what it cached.
        Assert.DoesNotContain(title, await reader.GetStringAsync("/"));

        First.Clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Contains(title, await reader.GetStringAsync("/"));
        Assert.Contains(title, await reader.GetStringAsync("/feed.xml"));
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/posts/{slug}")).StatusCode);
    }

    [Fact]
    public async Task ScheduledPost_AppearsOnceOnBothNodes_AtItsTime()
    {
        // Scheduling is a publication time, read by every page's query, not a job that each node
        // would run: nothing is published twice, and no node needs to be up at that time.
        var browser = await SignedInOnFirstAsync("two-nodes-schedule");
        var title = Unique("跨节点定时 scheduled");
        var slug = "sched-" + Guid.NewGuid().ToString("N")[..10];
        var readers = new[] { First.CreateClient(), Second.CreateClient() };
        foreach (var reader in readers)
            await reader.GetAsync("/feed.xml");
        var at = First.UtcNow.AddHours(1);
        var fields = Editor.Fields(title, "稍后在两个节点上出现一次。", slug);
        fields["Input.PublishAt"] = First.Settings.ToLocal(at).ToString("yyyy-MM-ddTHH:mm:ss");

        var response = await browser.On(First).SubmitAsync(await browser.FormAsync(First, "/admin/posts/new", Editor.Form), fields, "定时发布");
        response.SavedPostId();
        foreach (var reader in readers)
            Assert.Equal(0, ItemsTitled(await reader.GetStringAsync("/feed.xml"), title));

        First.Clock.Advance(TimeSpan.FromHours(1)); // both nodes' clock

        foreach (var reader in readers)
        {
            Assert.Equal(1, ItemsTitled(await reader.GetStringAsync("/feed.xml"), title));
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/posts/{slug}")).StatusCode);
        }
        Assert.Equal(1, await First.WithDbAsync(db => db.Posts.CountAsync(p => p.Title == title)));
    }

    [Fact]
    public async Task Keys_AreKeptInTheDatabase_WhereEveryNodeReadsThem()
    {
        await SignedInOnFirstAsync("two-nodes-keys");

        var stored = await First.WithDbAsync(db => db.DataProtectionKeys.Select(k => k.FriendlyName).ToListAsync());
        foreach (var node in new BlogAppFactory[] { First, Second })
        {
            var keys = node.Services.GetRequiredService<IKeyManager>().GetAllKeys();
            Assert.NotEmpty(keys);
            Assert.All(keys, key => Assert.Contains($"key-{key.KeyId:D}", stored));
        }
    }

    private static int ItemsTitled(string rss, string title) =>
        XDocument.Parse(rss).Descendants("item").Count(item => (string?)item.Element("title") == title);
}
