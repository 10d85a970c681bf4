using System.Text.Json;
using AngleSharp.Dom;
using Blog.Tests.Infrastructure;

namespace Blog.Tests.Security;

/// <summary>
/// Each payload on its own through the editor's every field, as the browser posts them, then the
/// article, the editor and a search read as HTML: nothing executable comes back. (The browser tests
/// open the same payloads in Chromium; this covers each one in each field, fast.)
/// </summary>
public class XssPayloadTests(BlogAppFactory app) : IClassFixture<BlogAppFactory>
{
    private static readonly string[] UrlAttributes = ["href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcdoc"];

    private static IEnumerable<string> Injected(IDocument page)
    {
        foreach (var script in page.QuerySelectorAll("script:not([type='application/ld+json'])"))
        {
            if (script.GetAttribute("src") is not { } src || !src.StartsWith('/') || src.StartsWith("//"))
                yield return "script: " + script.OuterHtml[..Math.Min(100, script.OuterHtml.Length)];
        }
        foreach (var element in page.All)
        {
            foreach (var attribute in element.Attributes)
            {
                if (attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase))
                    yield return $"{attribute.Name} on <{element.LocalName}>";
                var url = new string(attribute.Value.Where(c => c > ' ' && c is not ('\u007f' or '\u00a0' or '\u200b')).ToArray()).ToLowerInvariant();
                if (UrlAttributes.Contains(attribute.Name.ToLowerInvariant())
                    && (url.StartsWith("javascript:") || url.StartsWith("vbscript:") || url.StartsWith("data:text/html") || attribute.Name == "srcdoc"))
                    yield return $"{attribute.Name}={attribute.Value} on <{element.LocalName}>";
            }
        }
        foreach (var element in page.QuerySelectorAll("iframe, frame, object, embed, base, meta[http-equiv='refresh' i]"))
            yield return "element: " + element.LocalName;
    }

    private static string Cut(string text, int length) => text.Length > length ? text[..length] : text;

    [Fact]
    public async Task EveryPayload_InEveryEditorField_ComesBackAsText()
    {
        var client = await app.SignedInClientAsync();
        var problems = new List<string>();

        foreach (var (payload, i) in XssPayloads.All.Select((p, i) => (p, i)))
        {
            var title = $"{i} {payload}";
            var response = await client.SubmitFormAsync("/admin/posts/new", Editor.Form, new Dictionary<string, string>
            {
                ["Input.Title"] = Cut(title, 300),
                ["Input.Slug"] = Cut($"x{i}-{payload}", 200),
                ["Input.SlugFromTitle"] = "false",
                ["Input.Summary"] = payload,
                ["Input.Tags"] = payload.Replace(',', ' ').Replace('，', ' ').Replace('、', ' '),
                ["Input.Markdown"] = $"{payload}\n\n![{payload}](/favicon.ico)\n\n[{payload}]({payload.Replace(' ', '+').Replace("\n", "")})\n",
            }, "立即发布");
            if (response.StatusCode != System.Net.HttpStatusCode.Redirect)
            {
                problems.Add($"payload {i}: the save answered {(int)response.StatusCode}");
                continue;
            }
            var id = response.SavedPostId();
            var editor = await client.GetDocumentAsync($"/admin/posts/{id}");
            var slug = editor.QuerySelector("[name='Input.Slug']")!.GetAttribute("value")!;
            var article = await client.GetDocumentAsync("/posts/" + Uri.EscapeDataString(slug));
            var search = await client.GetDocumentAsync("/search?q=" + Uri.EscapeDataString(payload));

            foreach (var (page, name) in new[] { (editor, "editor"), (article, "article"), (search, "search") })
                problems.AddRange(Injected(page).Select(found => $"payload {i} {name}: {found}"));
            // JSON-LD carries the title inside a <script>: it must still be one JSON value that says the title.
            var jsonLd = JsonDocument.Parse(article.QuerySelector("script[type='application/ld+json']")!.TextContent);
            if (jsonLd.RootElement.GetProperty("headline").GetString() != article.QuerySelector("h1")!.TextContent.Trim())
                problems.Add($"payload {i}: the JSON-LD headline differs from the title");
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(30)));
    }
}
