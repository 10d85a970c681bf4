using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using Blog.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Blog.Pages;

[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public class ErrorModel(IStringLocalizer<SharedResource> text) : BlogPageModel
{
    public int Status { get; private set; }
    public string? RequestId { get; private set; }

    public void OnGet(int? code) => Describe(code);

    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        // Re-executed by the status-code and exception handlers; a direct visit is a plain 404.
        Status = code ?? (HttpContext.Response.StatusCode >= 400 ? HttpContext.Response.StatusCode : 404);
        if (HttpContext.Response.StatusCode < 400)
            HttpContext.Response.StatusCode = Status;
        RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
        var path = HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath ?? HttpContext.Request.Path.Value ?? "/";
        Meta = new PageMeta(text[Status == 404 ? "Not found" : "Something went wrong"], "", path);
    }
}
