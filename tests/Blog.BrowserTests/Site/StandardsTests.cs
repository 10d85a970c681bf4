using System.Diagnostics;
using System.Text.Json;
using Blog.BrowserTests.Admin;
using Blog.BrowserTests.Infrastructure;
using Blog.Data;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Blog.BrowserTests.Site;

/// <summary>
/// The pages a reader and the author meet, checked by the standard tools: the Nu HTML Checker
/// (vnu.jar, run by Java) on the HTML as served, and axe-core in Chromium in light and dark.
/// Each test reports every problem of every page at once.
/// </summary>
public class StandardsTests(SiteFixture site) : IClassFixture<SiteFixture>, IAsyncLifetime
{
    private const string TagSlug = "attention";

    private static readonly string[] PublicPages =
    [
        "/", StudyNotes.MathPath, "/archive", "/category/" + StudyNotes.MathCategory, "/tag/" + TagSlug,
        "/search?q=" + Uri.EscapeDataString("注意力"), "/search", "/posts/no-such-note",
    ];

    private static readonly string[] FixedAdminPages =
    [
        "/admin", "/admin/posts", "/admin/posts/new", "/admin/media", "/admin/settings", "/admin/login",
        "/admin/categories", "/admin/tags", "/admin/import",
    ];

    /// <summary>The fixed pages and the math note's revisions (their list and one compared with the current text).</summary>
    private string[] AdminPages { get; set; } = FixedAdminPages;

    public async Task InitializeAsync()
    {
        // A tag page with a post, and a draft in the admin lists (a post with no date yet).
        using var scope = site.Server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BlogDbContext>();
        var post = await db.Posts.Include(p => p.Tags).SingleAsync(p => p.Slug == StudyNotes.MathSlug);
        if (!await db.Revisions.AnyAsync(r => r.PostId == post.Id))
        {
            db.Revisions.Add(new Revision { PostId = post.Id, Title = "注意力机制（初稿）", Markdown = "初稿：$\\alpha_{ij}$ 是注意力权重。\n" + post.Markdown[..200], SavedAt = DateTime.UtcNow.AddDays(-1) });
            await db.SaveChangesAsync();
        }
        var revision = await db.Revisions.Where(r => r.PostId == post.Id).Select(r => r.Id).FirstAsync();
        AdminPages = [.. FixedAdminPages, $"/admin/posts/{post.Id}/revisions", $"/admin/posts/{post.Id}/revisions/{revision}"];
        if (post.Tags.Any(t => t.Slug == TagSlug))
            return;
        post.Tags.Add(new Tag { Name = "注意力", Slug = TagSlug });
        await db.SaveChangesAsync();
        await site.Server.AddPostAsync("未完成的扩散模型笔记", "diffusion-draft", "还在写 $\\beta_t$。", "generative-model", draft: true);
        await EditorSession.EnsureUserAsync(site.Server);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task EveryPage_PassesTheNuHtmlChecker()
    {
        var folder = Directory.CreateTempSubdirectory("blog-vnu-").FullName;
        try
        {
            await using var page = await SignedInAsync(ColorScheme.Light);
            var files = new Dictionary<string, string>();
            foreach (var path in PublicPages.Concat(AdminPages))
            {
                // The HTML as served (with the signed-in cookie), not the DOM after scripts.
                var response = await page.Page.Context.APIRequest.GetAsync(site.Server.Url(path));
                var file = Path.Combine(folder, $"page{files.Count}.html");
                await File.WriteAllTextAsync(file, await response.TextAsync());
                files[file] = path;
            }

            var errors = await NuHtmlChecker.ErrorsAsync(files.Keys);

            Assert.True(errors.Count == 0, "The Nu HTML Checker found errors:\n" +
                string.Join("\n", errors.Select(e => $"{files.GetValueOrDefault(e.File, e.File)} line {e.Line}: {e.Message} [{e.Extract}]")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task EveryPage_InLightAndDark_HasNoAxeViolation()
    {
        var violations = new List<string>();
        foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
        {
            await using var page = await SignedInAsync(scheme);
            foreach (var path in PublicPages.Concat(AdminPages.Where(p => p != "/admin/login")))
                violations.AddRange(await AxeAsync(page.Page, path, scheme));
        }
        // The sign-in page as someone not signed in sees it.
        foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
        {
            await using var page = await site.OpenAsync("/admin/login", scheme);
            violations.AddRange(await AxeAsync(page.Page, "/admin/login", scheme));
        }

        Assert.True(violations.Count == 0, "axe-core found violations:\n" + string.Join("\n", violations));
    }

    private async Task<IEnumerable<string>> AxeAsync(IPage page, string path, ColorScheme scheme)
    {
        await page.GotoAsync(site.Server.Url(path), new() { WaitUntil = WaitUntilState.Load });
        await page.EvaluateAsync("() => document.fonts.ready.then(() => true)");
        // A header cell that holds only a formula: axe wants text that is both seen and read, and
        // KaTeX puts a formula's picture in aria-hidden spans and its reading in visually hidden
        // MathML, so it finds neither. Only those cells are left out of the check.
        await page.EvaluateAsync("""
            () => document.querySelectorAll('th').forEach(th => {
              const own = [...th.childNodes].filter(n => !(n.nodeType === 1 && n.matches('.math, .katex'))).map(n => n.textContent).join('');
              if (th.querySelector('.katex') && own.trim() === '') th.dataset.formulaHeader = '';
            })
            """);
        var result = await page.RunAxe(new AxeRunContext { Exclude = [new AxeSelector("th[data-formula-header]")] });
        return result.Violations.Select(v =>
            $"{path} ({scheme}): {v.Id} [{v.Impact}] {v.Help}: " + string.Join(" | ", v.Nodes.Take(5).Select(n => n.Html)));
    }

    /// <summary>A browser context signed in through the real form, in the given colour scheme.</summary>
    private async Task<BrowserPage> SignedInAsync(ColorScheme scheme)
    {
        var page = await site.OpenAsync("/admin/login", scheme);
        await page.Page.FillAsync("[name='Input.UserName']", EditorSession.UserName);
        await page.Page.FillAsync("[name='Input.Password']", EditorSession.Password);
        await page.Page.ClickAsync("form button[type=submit]");
        // As EditorSession does: the dashboard's document, with room for a CI machine busy compressing pages.
        await page.Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/admin",
            new() { WaitUntil = WaitUntilState.DOMContentLoaded, Timeout = 60_000 });
        return page;
    }
}

/// <summary>Runs the Nu HTML Checker (vnu.jar) once over many files and returns its errors.</summary>
public static class NuHtmlChecker
{
    public sealed record Error(string File, int Line, string Message, string Extract);

    /// <summary>Where tests/test.sh installs it (npm's vnu-jar), unless VNU_JAR says otherwise.</summary>
    public static string JarPath =>
        Environment.GetEnvironmentVariable("VNU_JAR") is { Length: > 0 } jar ? jar
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "blog-tools", "node_modules", "vnu-jar", "build", "dist", "vnu.jar");

    public static async Task<IReadOnlyList<Error>> ErrorsAsync(IEnumerable<string> files)
    {
        Assert.True(File.Exists(JarPath), $"vnu.jar is not at {JarPath}: run tests/test.sh once (it installs it), or set VNU_JAR.");
        var start = new ProcessStartInfo("java") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-jar", JarPath, "--errors-only", "--format", "json" }.Concat(files))
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var json = await process.StandardError.ReadToEndAsync(); // vnu writes its report to standard error
        await process.WaitForExitAsync();
        await output;

        using var report = JsonDocument.Parse(json);
        return report.RootElement.GetProperty("messages").EnumerateArray()
            .Where(m => m.GetProperty("type").GetString() is "error" or "non-document-error")
            .Select(m => new Error(
                Uri.TryCreate(m.TryGetProperty("url", out var url) ? url.GetString() : "", UriKind.Absolute, out var uri) ? uri.LocalPath : "",
                m.TryGetProperty("lastLine", out var line) ? line.GetInt32() : 0,
                m.GetProperty("message").GetString() ?? "",
                m.TryGetProperty("extract", out var extract) ? extract.GetString() ?? "" : ""))
            .ToList();
    }
}
