using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Text;
using Blog.Data;
using Blog.Import;
using Blog.Tests.Import;
using Blog.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Blog.Tests.Security;

/// <summary>
/// Markdown that would take Markdig minutes, through everything that renders it: the editor's
/// preview, a save, the editor page after it, and an import. Each answers within two seconds,
/// with the text kept as typed and a message that says why it is not formatted.
/// </summary>
[Collection(nameof(HostileInput))]
public class HostileMarkdownTests(KestrelBlogApp app) : IClassFixture<KestrelBlogApp>
{
    // The bound is 2 s per request; renders stop at 0.75 s plus 0.5 s per million
    // characters (RenderLimits), under 1 s for all of these but the 10 MB, refused at once. The assertion
    // allows twice the bound because CI runs these beside the browser tests on two cores: an
    // unbounded render (Markdig needed minutes for some of these inputs) still fails it.
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(4);

    /// <summary>Sends a form the way the editor's script does, timing only the request.</summary>
    private static async Task<(HttpResponseMessage Response, TimeSpan Took)> PostAsync(HttpClient client, string url, string token, Dictionary<string, string> fields)
    {
        // Encoded before the clock starts: the time of interest is the server's.
        var body = await new FormUrlEncodedContent(fields).ReadAsByteArrayAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/x-www-form-urlencoded");
        request.Headers.Add("RequestVerificationToken", token);
        var clock = Stopwatch.StartNew();
        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return (response, clock.Elapsed);
    }

    [Theory]
    [MemberData(nameof(HostileMarkdown.FormNames), MemberType = typeof(HostileMarkdown))]
    public async Task Preview_OfHostileMarkdown_AnswersWithinTwoSeconds(string name)
    {
        var markdown = HostileMarkdown.Get(name);
        var client = await app.SignedInClientAsync();

        var (response, took) = await PostAsync(client, "/admin/posts/new?handler=Preview", await client.AntiforgeryTokenAsync(),
            new() { ["Input.Markdown"] = markdown });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(took < Limit, $"the preview of {name} took {took.TotalSeconds:0.0} s");
        var answer = await response.ReadJsonAsync();
        if (answer.GetProperty("error").GetString() is { } error || HostileMarkdown.NeverRendered.Contains(name))
        {
            Assert.Contains("The text is saved as typed", answer.GetProperty("error").GetString());
            HostileMarkdown.AssertShowsAsTyped(markdown, answer.GetProperty("html").GetString()!);
        }
    }

    [Theory]
    [MemberData(nameof(HostileMarkdown.FormNames), MemberType = typeof(HostileMarkdown))]
    public async Task Save_OfHostileMarkdown_AnswersWithinTwoSeconds_KeepsTheTextAndSaysWhy(string name)
    {
        var markdown = HostileMarkdown.Get(name);
        var client = await app.SignedInClientAsync();
        var title = $"Hostile {Guid.NewGuid():N}";

        var (response, took) = await PostAsync(client, "/admin/posts/new", await client.AntiforgeryTokenAsync(),
            new() { ["Input.Title"] = title, ["Input.Markdown"] = markdown, ["Input.SlugFromTitle"] = "true", ["intent"] = "save" });

        Assert.True(took < Limit, $"saving {name} took {took.TotalSeconds:0.0} s");
        var id = response.SavedPostId();
        var post = await app.WithDbAsync(db => db.Posts.AsNoTracking().SingleAsync(p => p.Id == id));
        Assert.Equal(markdown, post.Markdown);
        if (post.RenderError is not null || HostileMarkdown.NeverRendered.Contains(name))
            HostileMarkdown.AssertShowsAsTyped(markdown, post.Html);

        // The editor the save leads to shows the text and the reason, also within the limit.
        var clock = Stopwatch.StartNew();
        var editor = await client.GetAsync($"/admin/posts/{id}");
        await editor.Content.LoadIntoBufferAsync();
        Assert.True(clock.Elapsed < Limit, $"opening the saved {name} took {clock.Elapsed.TotalSeconds:0.0} s");
        var page = await editor.ReadDocumentAsync();
        Assert.Equal(post.RenderError ?? "", page.QuerySelector("#render-error")?.TextContent ?? "");
        Assert.Contains(post.RenderError is null ? "草稿已保存。" : "Markdown 无法渲染：请查看预览上方的提示。", page.QuerySelector(".admin-status")?.TextContent);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public async Task PreviewAndSave_OfRandomMarkdown_AnswerInTimeAndKeepTheText(int seed)
    {
        var client = await app.SignedInClientAsync();
        var token = await client.AntiforgeryTokenAsync();
        for (var i = 0; i < 5; i++)
        {
            // What the editor sends: lone surrogates become U+FFFD in any form post, and its script turns NUL into U+FFFD.
            var markdown = Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(HostileMarkdown.Random(seed * 100 + i, 5_000 * (i + 1)))).Replace('\0', '\uFFFD');

            var (preview, previewTook) = await PostAsync(client, "/admin/posts/new?handler=Preview", token, new() { ["Input.Markdown"] = markdown });
            var (save, saveTook) = await PostAsync(client, "/admin/posts/new", token,
                new() { ["Input.Title"] = $"Random {seed} {i} {Guid.NewGuid():N}", ["Input.Markdown"] = markdown, ["intent"] = "save" });

            Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
            Assert.True(previewTook < Limit && saveTook < Limit, $"seed {seed * 100 + i}: preview {previewTook.TotalSeconds:0.0} s, save {saveTook.TotalSeconds:0.0} s");
            var id = save.SavedPostId();
            // Kept as typed, but for what XML cannot carry: controls as their symbols, U+FFFE/U+FFFF as U+FFFD (StoredText).
            Assert.Equal(StoredText.Clean(markdown), await app.WithDbAsync(db => db.Posts.Where(p => p.Id == id).Select(p => p.Markdown).SingleAsync()));
        }
    }

    [Fact]
    public async Task Save_WithInvalidUtf8InTheForm_IsSavedWithTheBadBytesStillEscaped()
    {
        var client = await app.SignedInClientAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/posts/new")
        {
            Content = new ByteArrayContent(Encoding.ASCII.GetBytes($"Input.Title=Bytes+{Guid.NewGuid():N}&Input.Markdown=a%C3%28b%FF%FEc&intent=save")),
        };
        request.Content.Headers.ContentType = new("application/x-www-form-urlencoded");
        request.Headers.Add("RequestVerificationToken", await client.AntiforgeryTokenAsync());

        var id = (await client.SendAsync(request)).SavedPostId();

        var post = await app.WithDbAsync(db => db.Posts.AsNoTracking().SingleAsync(p => p.Id == id));
        // A browser always sends UTF-8; what another client sends is kept as ASP.NET Core decodes it.
        Assert.Equal("a%C3(b%FF%FEc", post.Markdown);
        Assert.Null(post.RenderError);
    }

    [Fact]
    public async Task Save_WithANulCharacter_IsRefusedWithAMessage_AndSavesNothing()
    {
        // The editor's script turns NUL into U+FFFD as it is typed or pasted; another client gets this.
        var client = await app.SignedInClientAsync();
        var title = $"Nul {Guid.NewGuid():N}";

        var (response, _) = await PostAsync(client, "/admin/posts/new", await client.AntiforgeryTokenAsync(),
            new() { ["Input.Title"] = title, ["Input.Markdown"] = "a\0b", ["intent"] = "save" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The form value contains invalid characters.", (await response.ReadDocumentAsync()).QuerySelector(".form-errors")?.TextContent);
        Assert.False(await app.WithDbAsync(db => db.Posts.AnyAsync(p => p.Title == title)));
    }

    [Theory]
    [MemberData(nameof(HostileMarkdown.Names), MemberType = typeof(HostileMarkdown))]
    public async Task Import_OfAHostileNote_TakesUnderTwoSeconds_ImportsItAsWrittenWithAWarning(string name)
    {
        var markdown = HostileMarkdown.Get(name);
        var file = $"hostile-{Guid.NewGuid():N}.md";
        var zip = Zip((file, Encoding.UTF8.GetBytes(markdown)));

        var clock = Stopwatch.StartNew();
        var report = await app.ImportZipAsync(zip);

        Assert.True(clock.Elapsed < Limit, $"importing {name} took {clock.Elapsed.TotalSeconds:0.0} s");
        var item = report.Item(file);
        if (Encoding.UTF8.GetByteCount(markdown) > NoteImporter.MaxNoteBytes)
        {
            Assert.Equal(ImportOutcome.Failed, item.Outcome);
            Assert.Contains("larger than 8 MB", item.Message);
            return;
        }
        Assert.Equal(ImportOutcome.Imported, item.Outcome);
        var post = await app.WithDbAsync(db => db.Posts.AsNoTracking().SingleAsync(p => p.SourceKey!.EndsWith("/" + file)));
        if (markdown.Contains('\0'))
        {
            // A database text cannot hold NUL: the note keeps every other character, and says so.
            Assert.Contains("NUL characters, kept as \uFFFD", item.Message);
            markdown = markdown.Replace('\0', '\uFFFD');
        }
        Assert.Equal(markdown, post.Markdown);
        if (post.RenderError is not null || HostileMarkdown.NeverRendered.Contains(name))
        {
            Assert.Contains("imported as written, but this Markdown", item.Message);
            HostileMarkdown.AssertShowsAsTyped(markdown, post.Html);
        }
    }

    [Fact]
    public async Task Import_OfHostileNotesAmongGoodOnes_RendersTheGoodOnes()
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var zip = Zip(
            ($"{id}/a-links.md", Encoding.UTF8.GetBytes(HostileMarkdown.Get("100,000 × [a]("))),
            ($"{id}/b-not-utf8.md", [0x23, 0x20, 0xC3, 0x28, 0xFF, 0x0A]),
            ($"{id}/c-emphasis.md", Encoding.UTF8.GetBytes(HostileMarkdown.Get("100,000 × ~~a"))),
            ($"{id}/d-good.md", Encoding.UTF8.GetBytes($"# 好的笔记 {id}\n\n公式 $x^2$ 与 **加粗**。\n")));

        var report = await app.ImportZipAsync(zip);

        Assert.Equal(ImportOutcome.Failed, report.Item($"{id}/b-not-utf8.md").Outcome);
        Assert.Contains("not UTF-8", report.Item($"{id}/b-not-utf8.md").Message);
        Assert.Contains("too complex to render in time", report.Item($"{id}/a-links.md").Message);
        var good = await app.WithDbAsync(db => db.Posts.AsNoTracking().SingleAsync(p => p.SourceKey!.EndsWith("/" + $"{id}/d-good.md")));
        Assert.Null(good.RenderError);
        Assert.Contains("<strong>加粗</strong>", good.Html);
    }

    private static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var stream = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
                stream.Write(content);
            }
        }
        return buffer.ToArray();
    }
}
