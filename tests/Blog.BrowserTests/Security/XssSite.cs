using System.IO.Compression;
using System.Text;
using Blog.BrowserTests.Admin;
using Blog.BrowserTests.Infrastructure;
using Blog.Data;
using Blog.Tests.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Blog.BrowserTests.Security;

/// <summary>
/// A site whose every user-controlled text is an XSS payload, put there through the real admin
/// (its forms and upload endpoints, with the author's session and antiforgery token): post titles,
/// slugs, summaries, tags, bodies and image alt texts; category names; uploaded images' file names.
/// A few posts carry all the payloads between them, so a few pages show them all.
/// </summary>
public sealed class XssSite : IAsyncLifetime
{
    public SiteFixture Site { get; } = new();

    /// <summary>The posts written through the editor, each carrying a group of payloads.</summary>
    public List<(int Id, string Slug)> Carriers { get; } = [];

    public List<string> CategorySlugs { get; } = [];

    public List<string> TagSlugs { get; } = [];

    public async Task InitializeAsync()
    {
        await Site.InitializeAsync();
        await using var admin = await Site.OpenSignedInAsync("/admin/posts/new");
        var posts = XssPayloads.Packed(300).Select((group, i) => Carrier(group, i)).Append(Everything()).ToList();
        var png = WidePng.Create(4, 4);
        await admin.Page.EvaluateAsync(SeedScript, new
        {
            categories = XssPayloads.All.Select(p => p.Length > 100 ? p[..100] : p).Distinct().ToArray(),
            posts,
            png = Convert.ToBase64String(png),
            images = XssPayloads.All.ToArray(),
        });
        await ReadBackAsync(posts.Count);
    }

    private static Dictionary<string, string> Carrier(List<string> group, int index) => new()
    {
        ["Input.Title"] = string.Join(" ", group),
        ["Input.Slug"] = group[0],
        ["Input.SlugFromTitle"] = "false",
        ["Input.Summary"] = string.Join(" ", group),
        // Commas separate tags: keep each payload one tag.
        ["Input.Tags"] = string.Join(", ", group.Select(p => p.Replace(',', ' ').Replace('，', ' ').Replace('、', ' '))),
        ["Input.Markdown"] = Body(group),
        ["category"] = group[0].Length > 100 ? group[0][..100] : group[0],
        ["intent"] = "publish",
    };

    private static Dictionary<string, string> Everything() => new()
    {
        ["Input.Title"] = "Every payload in one body",
        ["Input.Slug"] = "xss-everything",
        ["Input.SlugFromTitle"] = "false",
        ["Input.Markdown"] = Body(XssPayloads.All),
        ["intent"] = "publish",
    };

    /// <summary>Each payload as a paragraph, as an image's alt text, and as a link's text and title.</summary>
    private static string Body(IEnumerable<string> payloads) => string.Join("\n\n", payloads.Select(p =>
        $"{p}\n\n![{p}](/favicon.ico)\n\n[{p}](/posts/x \"{p.Replace("\"", "'")}\")"));

    private const string SeedScript = """
        async ({ categories, posts, png, images }) => {
          const token = document.querySelector('input[name="__RequestVerificationToken"]').value;
          const send = (url, body) => fetch(url, { method: 'POST', headers: { RequestVerificationToken: token }, body, redirect: 'manual' });
          for (const name of categories)
            await send('/admin/categories?handler=Create', new URLSearchParams({ 'Input.Name': name, 'Input.Slug': '', 'Input.Description': name }));

          const editor = new DOMParser().parseFromString(await (await fetch('/admin/posts/new')).text(), 'text/html');
          const categoryIds = new Map([...editor.querySelectorAll('select[name="Input.CategoryId"] option')].map(o => [o.textContent.trim(), o.value]));
          for (const fields of posts) {
            const body = new URLSearchParams(fields);
            body.delete('category');
            if (fields.category) body.set('Input.CategoryId', categoryIds.get(fields.category.trim()) ?? '');
            await send('/admin/posts/new', body);
          }

          const bytes = Uint8Array.from(atob(png), c => c.charCodeAt(0));
          for (let i = 0; i < images.length; i++) {
            // Bytes after the PNG's end make each upload a different image, stored under its own name.
            const form = new FormData();
            form.append('file', new File([bytes, new Uint32Array([i + 1])], images[i], { type: 'image/png' }));
            await send('/admin/media/upload', form);
          }
        }
        """;

    private async Task ReadBackAsync(int expectedPosts)
    {
        using var scope = Site.Server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BlogDbContext>();
        Carriers.AddRange((await db.Posts.Where(p => p.Title != StudyNotes.MathTitle && p.Title != StudyNotes.PlainTitle && p.Slug != "welcome")
            .OrderBy(p => p.Id).Select(p => new { p.Id, p.Slug }).ToListAsync()).Select(p => (p.Id, p.Slug)));
        Assert.True(Carriers.Count == expectedPosts, $"{Carriers.Count} of {expectedPosts} posts were saved");
        CategorySlugs.AddRange(await db.Categories.OrderBy(c => c.Id).Select(c => c.Slug).ToListAsync());
        TagSlugs.AddRange(await db.Tags.OrderBy(t => t.Id).Select(t => t.Slug).ToListAsync());
        var media = await db.Media.CountAsync();
        Assert.True(media >= XssPayloads.All.Count, $"{media} of {XssPayloads.All.Count} images were uploaded");
    }

    /// <summary>Notes whose file names and front matter are payloads, one note each, as a .zip.</summary>
    public static byte[] ImportZip()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            for (var i = 0; i < XssPayloads.All.Count; i++)
            {
                var p = XssPayloads.All[i];
                var name = p.Length > 100 ? p[..100] : p;
                var note = $"---\ntitle: {Yaml(p)}\nsummary: {Yaml(p)}\ntags: [{Yaml(p)}]\ncategories: {Yaml(name)}\nslug: {Yaml($"imported {i} {p}")}\n---\n{p}\n\n![{p}](images/{i}.png)\n";
                // " note.md" after the payload: one ending in "/" would otherwise leave a dot-file name, which import skips.
                using var stream = zip.CreateEntry($"xss/{i:000} {p} note.md").Open();
                stream.Write(Encoding.UTF8.GetBytes(note));
            }
        }
        return buffer.ToArray();
    }

    private static string Yaml(string text) => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\t", "\\t")
        .Replace("\n", "\\n").Replace("\r", "\\r").Replace("\f", "\\f").Replace("\u0001", "\\x01") + "\"";

    public Task DisposeAsync() => Site.DisposeAsync();
}
