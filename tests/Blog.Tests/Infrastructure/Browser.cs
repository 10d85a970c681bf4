using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace Blog.Tests.Infrastructure;

/// <summary>
/// One browser in front of several nodes of a site: its cookies go with every request, whichever
/// node answers it, as behind a load balancer. Redirects are not followed.
/// </summary>
public sealed class Browser
{
    private readonly CookieContainer _cookies = new();
    private readonly Dictionary<BlogAppFactory, HttpClient> _clients = [];

    /// <summary>A client of this browser whose requests reach that node.</summary>
    public HttpClient On(BlogAppFactory node)
    {
        if (!_clients.TryGetValue(node, out var client))
            _clients[node] = client = node.CreateDefaultClient(new CookieContainerHandler(_cookies));
        return client;
    }

    public bool HasCookie(string name) => _cookies.GetAllCookies().Any(c => c.Name == name);

    /// <summary>A form as a page of that node renders it, to be submitted to any node.</summary>
    public async Task<IHtmlFormElement> FormAsync(BlogAppFactory node, string url, string selector)
    {
        var page = await On(node).GetDocumentAsync(url);
        page.Location.Href = "http://localhost" + url;
        return page.QuerySelector(selector) as IHtmlFormElement ?? throw new InvalidOperationException($"no form '{selector}' on {url}");
    }
}
