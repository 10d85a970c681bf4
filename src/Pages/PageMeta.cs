namespace Blog.Pages;

/// <summary>What a page tells the layout for its head: title, description, canonical path, OpenGraph.</summary>
public sealed record PageMeta(string Title, string Description, string Path)
{
    public string OpenGraphType { get; init; } = "website";
    public string? Image { get; init; }
    public string? CategoryFeed { get; init; }
}

/// <summary>A public page whose head the layout fills from <see cref="Meta"/>.</summary>
public abstract class BlogPageModel : Microsoft.AspNetCore.Mvc.RazorPages.PageModel
{
    public PageMeta? Meta { get; protected set; }
}
