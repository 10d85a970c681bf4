using Blog.BrowserTests.Infrastructure;
using static Blog.BrowserTests.Admin.EditorSession;

namespace Blog.BrowserTests.Admin;

/// <summary>The editor in a real browser: what the author sees while typing, pasting, saving and publishing.</summary>
public class EditorTests(SiteFixture site) : IClassFixture<SiteFixture>
{
    private static string Unique(string stem) => $"{stem} {Guid.NewGuid().ToString("N")[..6]}";

    [Fact]
    public async Task TypingAFormulaAndPythonCode_ThePreviewRendersThemWithKatexAndHighlightJs()
    {
        await using var page = await site.OpenSignedInAsync("/admin/posts/new");

        await page.Page.FillAsync(Title, "缩放点积注意力");
        await page.Page.ClickAsync(Markdown);
        await page.Page.Keyboard.TypeAsync("公式 $\\mathrm{softmax}(QK^T/\\sqrt{d_k})V$。\n\n```python\nimport torch\ndef attention(q, k):\n");
        await page.Page.Keyboard.PressAsync("Tab");
        await page.Page.Keyboard.TypeAsync("return q @ k.T\n```\n");

        Assert.True(await page.WaitUntilAsync("() => document.querySelector('#preview .katex') !== null"), "The formula was not rendered by KaTeX in the preview.");
        Assert.True(await page.WaitUntilAsync("() => document.querySelector('#preview pre code.language-python .hljs-keyword') !== null"),
            "The Python block was not highlighted in the preview.");
        Assert.Contains("    return q @ k.T", await page.Page.InputValueAsync(Markdown)); // Tab indented with spaces
        Assert.Equal("缩放点积注意力", await page.Page.InputValueAsync(Slug));
        Assert.Empty(page.ConsoleErrors);
        Assert.Empty(page.FailedRequests);
    }

    [Fact]
    public async Task PastingAnImage_UploadsItAndThePreviewShowsIt()
    {
        await using var page = await site.OpenSignedInAsync("/admin/posts/new");
        await page.Page.FillAsync(Title, Unique("截图"));
        await page.Page.FillAsync(Markdown, "上面是一张截图：\n");
        await page.Page.FocusAsync(Markdown);
        await page.Page.EvaluateAsync("() => { const t = document.querySelector(\"[name='Input.Markdown']\"); t.setSelectionRange(t.value.length, t.value.length); }");

        await page.EvalAsync<bool>("""
            base64 => {
              const bytes = Uint8Array.from(atob(base64), c => c.charCodeAt(0));
              const data = new DataTransfer();
              data.items.add(new File([bytes], 'image.png', { type: 'image/png' }));
              const event = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
              document.querySelector("[name='Input.Markdown']").dispatchEvent(event);
              return true;
            }
            """, Convert.ToBase64String(WidePng.Create(320, 120)));

        Assert.True(await page.WaitUntilAsync("() => { const img = document.querySelector('#preview img[src^=\"/media/\"]'); return img && img.complete && img.naturalWidth === 320; }"),
            "The pasted image did not show in the preview.");
        // "image.png" says nothing to a reader: no alt text, and the author is asked for one.
        Assert.Matches(@"上面是一张截图：\n!\[\]\(/media/[0-9a-f]{32}\.png\)$", await page.Page.InputValueAsync(Markdown));
        Assert.Contains("describe it", await page.Page.InnerTextAsync("#upload-state"));
        Assert.Empty(page.ConsoleErrors);
    }

    [Fact]
    public async Task DroppingAnImageTheServerRefuses_RemovesThePlaceholderAndSaysWhy()
    {
        await using var page = await site.OpenSignedInAsync("/admin/posts/new");
        await page.Page.FillAsync(Markdown, "正文保持不变");

        await page.EvalAsync<bool>("""
            () => {
              const data = new DataTransfer();
              data.items.add(new File(['<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'], 'diagram.svg', { type: 'image/svg+xml' }));
              const event = new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true });
              document.querySelector("[name='Input.Markdown']").dispatchEvent(event);
              return true;
            }
            """);

        Assert.True(await page.WaitUntilAsync("() => document.getElementById('upload-state').textContent.includes('没有上传')"),
            "No message said that the upload was refused.");
        Assert.Contains("SVG", await page.Page.InnerTextAsync("#upload-state"));
        Assert.Equal("正文保持不变", await page.Page.InputValueAsync(Markdown));
    }

    [Fact]
    public async Task PublishNow_PutsThePostOnTheHomePage()
    {
        var title = Unique("发布测试");
        await using var page = await site.OpenSignedInAsync("/admin/posts/new");
        await page.Page.FillAsync(Title, title);
        await page.Page.FillAsync(Markdown, "发布以后读者就能看到。$a^2$");

        await page.Page.SubmitAsync(Button("publish"));

        Assert.Equal("已发布。", (await page.Page.InnerTextAsync(".admin-status")).Trim());
        Assert.Matches(@"/admin/posts/\d+$", page.Page.Url);
        await using var home = await site.OpenAsync("/");
        Assert.Contains(title, await home.Page.InnerTextAsync("main"));
        await home.Page.ClickAsync($"text={title}");
        Assert.Equal(title, await home.Page.InnerTextAsync("h1.article-title"));
    }

    [Fact]
    public async Task TwoTabs_TheStaleSaveIsRefusedWithTheDifference_ThenOverwrittenDeliberately()
    {
        var post = await site.Server.AddPostAsync(Unique("两个标签页"), "two-tabs-" + Guid.NewGuid().ToString("N")[..6], "第一行\n第二行\n第三行\n");
        var path = $"/admin/posts/{post.Id}";
        await using var first = await site.OpenSignedInAsync(path);
        var second = await first.Page.Context.NewPageAsync();
        await second.GotoAsync(site.Server.Url(path));

        await first.Page.FillAsync(Markdown, "第一行\n第一个标签页改的\n第三行\n");
        await first.Page.SubmitAsync(Button("save"));
        await second.FillAsync(Markdown, "第一行\n第二个标签页改的\n第三行\n");
        await second.WaitForFunctionAsync("() => document.getElementById('save-state').dataset.state === 'conflict'");
        await second.SubmitAsync(Button("save"));

        Assert.Contains("已在别处修改", await second.InnerTextAsync(".editor-conflict h2"));
        Assert.Equal(["第一个标签页改的"], await second.Locator("tr.diff-removed .diff-text").AllInnerTextsAsync());
        Assert.Equal(["第二个标签页改的"], await second.Locator("tr.diff-added .diff-text").AllInnerTextsAsync());
        Assert.Equal("第一行\n第二个标签页改的\n第三行\n", await second.InputValueAsync(Markdown));
        await using (var article = await site.OpenAsync($"/posts/{post.Slug}"))
            Assert.Contains("第一个标签页改的", await article.Page.InnerTextAsync(".article-body"));

        await second.SubmitAsync("button[name=overwrite]");

        Assert.Contains("已保存", await second.InnerTextAsync(".admin-status"));
        Assert.Null(await second.QuerySelectorAsync(".editor-conflict"));
        await using (var article = await site.OpenAsync($"/posts/{post.Slug}"))
            Assert.Contains("第二个标签页改的", await article.Page.InnerTextAsync(".article-body"));
    }

    [Fact]
    public async Task Autosave_SurvivesAReload()
    {
        var post = await site.Server.AddPostAsync(Unique("自动保存"), "autosave-" + Guid.NewGuid().ToString("N")[..6], "已保存的正文\n");
        var path = $"/admin/posts/{post.Id}";
        await using var page = await site.OpenSignedInAsync(path);

        await page.Page.ClickAsync(Markdown);
        await page.Page.Keyboard.PressAsync("Control+End");
        await page.Page.Keyboard.TypeAsync("还没按保存的一句话");
        Assert.True(await page.WaitForAutosaveAsync(), $"Autosave did not report success: {await page.SaveStateAsync()}");
        await page.Page.ReloadAsync();

        Assert.Equal("已保存的正文\n还没按保存的一句话", await page.Page.InputValueAsync(Markdown));
        Assert.Contains("已恢复未保存的修改", await page.Page.InnerTextAsync(".editor-restored"));
        await using (var article = await site.OpenAsync($"/posts/{post.Slug}"))
            Assert.DoesNotContain("还没按保存", await article.Page.InnerTextAsync(".article-body"));
        Assert.Empty(page.ConsoleErrors);
    }
}
