using Blog.BrowserTests.Admin;
using Blog.BrowserTests.Infrastructure;

namespace Blog.BrowserTests.Site;

/// <summary>What a reader and the author meet on a 390×844 phone.</summary>
public class PhoneReadingTests(SiteFixture site) : IClassFixture<SiteFixture>
{
    private const int Width = 390, Height = 844;

    [Fact]
    public async Task Home_TheHeroTakesAtMostAThird_SoTheNewestNotesTitleShows_AndItsAnimationStops()
    {
        await using var page = await site.OpenAsync("/", width: Width, height: Height);

        var hero = await page.Page.Locator(".hero").BoundingBoxAsync();
        var title = await page.Page.Locator(".post-card-title").First.BoundingBoxAsync();
        Assert.True(hero!.Height <= Height / 3.0, $"The hero is {hero.Height}px tall on an {Height}px screen.");
        Assert.True(title!.Y + title.Height <= Height, $"The newest note's title ends at {title.Y + title.Height}px, below the screen.");
        // A few sweeps and blinks, not forever.
        var iterations = await page.EvalAsync<string[]>(
            "() => [getComputedStyle(document.querySelector('.hero'), '::after').animationIterationCount, getComputedStyle(document.querySelector('.hero-title'), '::after').animationIterationCount]");
        Assert.DoesNotContain("infinite", iterations);
    }

    [Fact]
    public async Task Home_WithReducedMotion_NothingMoves()
    {
        await using var page = await site.OpenAsync("/", width: Width, height: Height,
            configure: options => options.ReducedMotion = ReducedMotion.Reduce);

        var names = await page.EvalAsync<string[]>(
            "() => [getComputedStyle(document.querySelector('.hero'), '::after').animationName, getComputedStyle(document.querySelector('.hero-title'), '::after').animationName]");

        Assert.All(names, name => Assert.Equal("none", name));
    }

    [Fact]
    public async Task Article_WideTableFormulaAndCode_ShowTheyScroll_AndTheKeyboardScrollsThem()
    {
        await using var page = await site.OpenAsync(StudyNotes.MathPath, width: Width, height: Height);

        var table = page.Page.Locator(".article-body .table-scroll").First;
        Assert.Equal("0", await table.GetAttributeAsync("tabindex"));
        Assert.Equal("表格（可横向滚动）", await table.GetAttributeAsync("aria-label"));
        Assert.Contains("gradient", await table.EvaluateAsync<string>("e => getComputedStyle(e).backgroundImage"));
        await table.FocusAsync();
        await page.Page.Keyboard.PressAsync("ArrowRight");
        await page.Page.Keyboard.PressAsync("ArrowRight");
        Assert.True(await page.WaitUntilAsync("() => document.querySelector('.article-body .table-scroll').scrollLeft > 0"),
            "Arrow keys on the focused table did not scroll it.");
        Assert.True(await page.EvalAsync<bool>(
            "() => [...document.querySelectorAll('.article-body [role=region]')].some(e => e.getAttribute('aria-label') === '公式（可横向滚动）')"),
            "No wide formula took the keyboard's focus.");
        var code = page.Page.Locator(".article-body pre > code").First;
        Assert.True(await code.EvaluateAsync<bool>("e => e.scrollWidth > e.clientWidth"), "the sample's code should be wider than a phone");
        Assert.Contains("gradient", await code.EvaluateAsync<string>("e => getComputedStyle(e).backgroundImage"));
    }

    [Fact]
    public async Task Article_WithALongContents_StillShowsItsFirstParagraphOnTheFirstScreen()
    {
        var sections = string.Join("\n\n", Enumerable.Range(1, 30).Select(i => $"## 第 {i} 节 梯度下降的变体 {i}\n\n第 {i} 节的内容：学习率 $\\eta_{{{i}}}$ 的选择。"));
        await site.Server.AddPostAsync("三十节的长笔记", "long-contents", "开篇第一段：这篇笔记有三十节。\n\n" + sections);

        await using var page = await site.OpenAsync("/posts/long-contents", width: Width, height: Height);

        var first = await page.Page.Locator(".article-body > p").First.BoundingBoxAsync();
        Assert.True(first!.Y + first.Height <= Height, $"The note's first paragraph ends at {first.Y + first.Height}px, below the {Height}px screen.");
        var contents = page.Page.Locator(".toc-box > .toc");
        Assert.True(await contents.EvaluateAsync<bool>("e => e.scrollHeight > e.clientHeight"), "The contents did not scroll in their own box.");
        await contents.Locator("a").Last.ScrollIntoViewIfNeededAsync();
        Assert.True(await contents.Locator("a").Last.IsVisibleAsync());
    }

    [Fact]
    public async Task Editor_OnAPhone_HasWriteAndPreviewTabs()
    {
        await using var page = await site.OpenSignedInAsync("/admin/posts/new", width: Width);
        await page.Page.FillAsync(EditorSession.Markdown, "注意力：$\\frac{QK^T}{\\sqrt{d_k}}$");

        var tabs = page.Page.Locator(".editor-tabs [role=tab]");
        Assert.Equal(["编辑", "预览"], await tabs.AllInnerTextsAsync());
        Assert.False(await page.Page.Locator(".editor-preview").IsVisibleAsync());
        await tabs.Nth(1).ClickAsync();

        Assert.True(await page.Page.Locator(".editor-preview").IsVisibleAsync());
        Assert.False(await page.Page.Locator(EditorSession.Markdown).IsVisibleAsync());
        Assert.Equal("true", await tabs.Nth(1).GetAttributeAsync("aria-selected"));
    }

    [Fact]
    public async Task ScriptToggle_ChangesTheArticlesLang()
    {
        await using var page = await site.OpenAsync(StudyNotes.MathPath);
        Assert.Equal("zh-Hans", await page.Page.GetAttributeAsync("article.article", "lang"));

        await page.Page.ClickAsync("button.script-toggle");

        Assert.True(await page.WaitUntilAsync("() => document.querySelector('article.article').lang === 'zh-Hant'"),
            "The article kept lang=zh-Hans after the reader switched to traditional characters.");
    }
}
