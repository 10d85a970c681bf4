using Blog.BrowserTests.Admin;
using Blog.Tests.Security;

namespace Blog.BrowserTests.Security;

/// <summary>
/// Every payload of the XSS corpus, put in through every input the author controls, opened in
/// Chromium on the public and admin pages that show it: no dialog opens, nothing is injected.
/// </summary>
public class XssTests(XssSite xss) : IClassFixture<XssSite>
{
    [Fact]
    public async Task TheCheck_CatchesADialogAndAnInjectedHandler()
    {
        // Without this, a check that sees nothing would pass every test below.
        var check = new XssCheck();
        await using var page = await xss.Site.OpenAsync("/");
        check.Listen(page.Page);

        await page.Page.EvaluateAsync("() => { document.body.insertAdjacentHTML('beforeend', '<img src=x onerror=alert(1)>'); alert('ran'); }");
        await check.CheckCurrentAsync(page.Page, "/");

        var failure = Assert.ThrowsAny<Exception>(check.AssertNothingGotIn);
        Assert.Contains("dialog alert(ran)", failure.Message);
        Assert.Contains("onerror attribute", failure.Message);
    }

    [Fact]
    public async Task PublicPages_ShowingEveryPayload_RunNone()
    {
        var check = new XssCheck();
        await using var page = await xss.Site.OpenAsync("/");
        check.Listen(page.Page);

        // The archive lists every title; each carrier's article shows its payloads as title, summary
        // (meta description, JSON-LD), tags, category, body, alt texts and links.
        var paths = new List<string> { "/", "/?page=2", "/?page=3", "/archive", "/feed.xml" };
        paths.AddRange(xss.Carriers.Select(c => "/posts/" + Uri.EscapeDataString(c.Slug)));
        paths.AddRange(xss.CategorySlugs.Take(10).Select(s => "/category/" + Uri.EscapeDataString(s)));
        paths.AddRange(xss.TagSlugs.Take(10).Select(s => "/tag/" + Uri.EscapeDataString(s)));
        // Reflected: the search box and results, and the not-found page, echo what is asked.
        paths.AddRange(XssPayloads.Packed(400).Select(group => "/search?q=" + Uri.EscapeDataString(string.Join(" ", group))));
        paths.AddRange(XssPayloads.All.Take(3).Select(p => "/posts/" + Uri.EscapeDataString(p)));
        foreach (var path in paths)
            await check.CheckAsync(page.Page, xss.Site.Server.Url(path));

        check.AssertNothingGotIn();
    }

    [Fact]
    public async Task AdminPages_ShowingEveryPayload_RunNone()
    {
        var check = new XssCheck();
        await using var page = await xss.Site.OpenSignedInAsync("/admin");
        check.Listen(page.Page);

        var paths = new List<string> { "/admin", "/admin/posts", "/admin/posts?status=published", "/admin/categories", "/admin/tags", "/admin/media", "/admin/settings" };
        paths.AddRange(Enumerable.Range(2, 7).Select(n => $"/admin/media?page={n}"));
        paths.AddRange(XssPayloads.Packed(400).Take(4).Select(group => "/admin/posts?q=" + Uri.EscapeDataString(string.Join(" ", group))));
        // The editor shows each field and renders the body in its live preview.
        paths.AddRange(xss.Carriers.Select(c => $"/admin/posts/{c.Id}"));
        foreach (var path in paths)
            await check.CheckAsync(page.Page, xss.Site.Server.Url(path));

        check.AssertNothingGotIn();
    }

    [Fact]
    public async Task ImportedNotes_WithPayloadsInFileNamesAndFrontMatter_RunNoneInTheReportOrOnTheSite()
    {
        var check = new XssCheck();
        await using var page = await xss.Site.OpenSignedInAsync("/admin/import");
        check.Listen(page.Page);

        await page.Page.SetInputFilesAsync("input[name='Input.Zip']", new FilePayload
        {
            Name = "xss-notes.zip", MimeType = "application/zip", Buffer = XssSite.ImportZip(),
        });
        await page.Page.ClickAsync("form.import-form button[type=submit]");
        await page.Page.WaitForSelectorAsync(".import-report");
        Assert.StartsWith($"导入 {XssPayloads.All.Count}，", await page.Page.InnerTextAsync(".import-summary"));
        await check.CheckCurrentAsync(page.Page, "the import report");

        foreach (var path in new[] { "/admin/posts", "/admin/tags", "/admin/categories", "/", "/archive" })
            await check.CheckAsync(page.Page, xss.Site.Server.Url(path));

        check.AssertNothingGotIn();
    }

    [Fact]
    public async Task Settings_HoldingPayloads_RunNoneOnThePagesThatShowThem()
    {
        var check = new XssCheck();
        await using var page = await xss.Site.OpenSignedInAsync("/admin/settings");
        check.Listen(page.Page);

        // The language goes into <html lang>: only a language tag is accepted there.
        await page.Page.FillAsync("[name='Input.Language']", "\" onload=\"alert(1)");
        await page.Page.SubmitAsync("form.settings-form button[type=submit]");
        Assert.Contains("请输入语言标签，例如 zh-CN 或 en。", await page.Page.InnerTextAsync("form.settings-form"));

        // Each round fills the title, description, hero, heading and author with as many payloads as they hold.
        (string Field, int MaxLength)[] fields = [("Title", 200), ("Description", 500), ("HeroText", 200), ("LatestHeading", 200), ("Author", 100)];
        var pending = new Queue<string>(XssPayloads.All.Select(p => p.Length > 100 ? p[..100] : p));
        for (var round = 0; pending.Count > 0; round++)
        {
            await page.Page.GotoAsync(xss.Site.Server.Url("/admin/settings"));
            foreach (var (field, maxLength) in fields)
            {
                var value = pending.Count > 0 ? pending.Dequeue() : "x";
                while (pending.Count > 0 && value.Length + 1 + pending.Peek().Length <= maxLength)
                    value += " " + pending.Dequeue();
                await page.Page.FillAsync($"[name='Input.{field}']", value);
            }
            await page.Page.FillAsync("[name='Input.Language']", "zh-CN");
            await page.Page.FillAsync("[name='Input.PostsPerPage']", "100");
            await page.Page.SubmitAsync("form.settings-form button[type=submit]");
            Assert.True((await page.Page.InnerTextAsync("body")).Contains("设置已保存"),
                $"The settings were not saved: {await page.Page.InnerTextAsync("form.settings-form")}");

            foreach (var path in new[] { "/", $"/posts/{Uri.EscapeDataString(xss.Carriers[round % xss.Carriers.Count].Slug)}", "/admin/settings" })
                await check.CheckAsync(page.Page, xss.Site.Server.Url(path));
        }

        check.AssertNothingGotIn();
    }
}
