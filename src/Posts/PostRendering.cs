using Blog.Content;
using Blog.Data;

namespace Blog.Posts;

public static class PostRendering
{
    /// <summary>Renders a post's Markdown and stores everything computed from it on the post.</summary>
    public static RenderedMarkdown RenderInto(this MarkdownRenderer renderer, Post post)
    {
        var rendered = renderer.Render(post.Markdown);
        post.Html = rendered.Html;
        post.TocHtml = rendered.TocHtml;
        // A note that failed to render is still searchable by its text as typed.
        post.PlainText = rendered.Error is null ? rendered.PlainText : post.Markdown;
        post.Excerpt = rendered.Excerpt;
        post.WordCount = rendered.WordCount;
        post.ReadingMinutes = rendered.ReadingMinutes;
        post.HasMath = rendered.HasMath;
        post.HasCode = rendered.HasCode;
        post.CoverImage = rendered.FirstImage;
        post.RenderError = rendered.Error;
        post.RenderVersion = MarkdownRenderer.Version;
        return rendered;
    }
}
