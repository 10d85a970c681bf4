using Blog.BrowserTests.Infrastructure;

namespace Blog.BrowserTests.Pages.Search;

public class SearchBoxTests(SiteFixture site) : IClassFixture<SiteFixture>
{
    [Fact]
    public async Task HeaderSearchBox_FindsANoteByATwoCharacterWord_WithTheMatchHighlighted()
    {
        await using var page = await site.OpenAsync("/");

        await page.Page.FillAsync("header .site-search input[name=q]", "注意");
        await page.Page.PressAsync("header .site-search input[name=q]", "Enter");
        await page.Page.WaitForURLAsync("**/search?q=*");

        var first = page.Page.Locator(".search-results li").First;
        Assert.Equal(StudyNotes.MathTitle, await first.Locator("h2 a").InnerTextAsync());
        Assert.Contains("注意", await first.Locator(".snippet mark").First.InnerTextAsync());
        Assert.Equal("注意", await page.Page.InputValueAsync("header .site-search input[name=q]"));
        Assert.Empty(page.ConsoleErrors);

        await first.Locator("h2 a").ClickAsync();
        await page.Page.WaitForURLAsync("**" + StudyNotes.MathPath);
    }
}
