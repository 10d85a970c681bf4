using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Dom;

namespace Blog.Tests.Infrastructure;

/// <summary>What the editor's script does over fetch(): the antiforgery token goes in a header.</summary>
public static class Editor
{
    public const string Form = "#editor";

    /// <summary>The antiforgery token of a page, as the script reads it from the page's hidden input.</summary>
    public static async Task<string> AntiforgeryTokenAsync(this HttpClient client, string url = "/admin/posts/new")
    {
        var page = await client.GetDocumentAsync(url);
        return (page.QuerySelector("input[name=__RequestVerificationToken]") as IHtmlInputElement)?.Value
            ?? throw new InvalidOperationException($"no antiforgery token on {url}");
    }

    public static async Task<HttpResponseMessage> PostFieldsAsync(this HttpClient client, string url, string token, IDictionary<string, string> fields)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("RequestVerificationToken", token);
        return await client.SendAsync(request);
    }

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();

    /// <summary>The editor page's form, parsed, so that it can be submitted later (a second tab left open).</summary>
    public static async Task<IHtmlFormElement> OpenEditorAsync(this HttpClient client, string url)
    {
        var page = await client.GetDocumentAsync(url);
        page.Location.Href = "http://localhost" + url;
        return page.QuerySelector(Form) as IHtmlFormElement ?? throw new InvalidOperationException($"no editor on {url}");
    }

    public static Dictionary<string, string> Fields(string title, string markdown, string? slug = null)
    {
        var fields = new Dictionary<string, string> { ["Input.Title"] = title, ["Input.Markdown"] = markdown };
        if (slug is not null)
        {
            fields["Input.Slug"] = slug;
            fields["Input.SlugFromTitle"] = "false";
        }
        return fields;
    }

    /// <summary>The post id from the editor's redirect after a save, /admin/posts/{id}.</summary>
    public static int SavedPostId(this HttpResponseMessage response)
    {
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.Matches(@"^/admin/posts/\d+$", location);
        return int.Parse(location["/admin/posts/".Length..]);
    }
}
