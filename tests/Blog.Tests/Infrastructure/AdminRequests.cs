using System.Net;
using AngleSharp.Dom;

namespace Blog.Tests.Infrastructure;

/// <summary>What a browser does around the admin's forms: follow the redirect after a post, post a form another page holds.</summary>
public static class AdminRequests
{
    /// <summary>Follows a post's redirect the way a browser would and reads the page it lands on.</summary>
    public static async Task<IDocument> FollowAsync(this HttpClient client, HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"expected a redirect, got {(int)response.StatusCode}");
        return await client.GetDocumentAsync(response.Headers.Location!.OriginalString);
    }

    /// <summary>
    /// Posts fields with an antiforgery token taken from the admin dashboard: what a form on
    /// another page (the editor's "Move to trash") or a stale tab sends.
    /// </summary>
    public static async Task<HttpResponseMessage> PostWithTokenAsync(this HttpClient client, string url, IDictionary<string, string> fields)
    {
        var dashboard = await client.GetDocumentAsync("/admin");
        var token = dashboard.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var values = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token };
        return await client.PostAsync(url, new FormUrlEncodedContent(values));
    }

    /// <summary>The status line the admin layout shows after an action.</summary>
    public static string? Status(this IDocument page) => page.QuerySelector(".admin-status")?.TextContent.Trim();
}
