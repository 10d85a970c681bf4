using Blog.Content;
using Blog.Data;

namespace Blog.Posts;

public static class PostRendering
{
    /// <summary>
    /// How much of a post's text search keeps. Indexing costs about a second per two million
    /// characters and every search result loads the text for its snippet, so a note of
    /// megabytes (or an unrendered paste of ten) is searchable by its first 300,000 characters,
    /// a hundred pages, rather than making every save and search of it slow.
    /// </summary>
    public const int MaxSearchableLength = 300_000;

    /// <summary>Renders a post's Markdown and stores everything computed from it on the post.</summary>
    public static RenderedMarkdown RenderInto(this MarkdownRenderer renderer, Post post)
    {
        var rendered = renderer.Render(post.Markdown);
        post.Store(rendered);
        return rendered;
    }

    /// <summary>Stores on the post everything computed from its Markdown, rendered beforehand.</summary>
    public static void Store(this Post post, RenderedMarkdown rendered)
    {
        post.Html = rendered.Html;
        post.TocHtml = rendered.TocHtml;
        // A note that failed to render is still searchable by its text as typed.
        post.PlainText = Searchable(rendered.Error is null ? rendered.PlainText : post.Markdown);
        post.Excerpt = rendered.Excerpt;
        post.WordCount = rendered.WordCount;
        post.ReadingMinutes = rendered.ReadingMinutes;
        post.HasMath = rendered.HasMath;
        post.HasCode = rendered.HasCode;
        post.CoverImage = rendered.FirstImage;
        post.RenderError = rendered.Error;
        post.RenderVersion = MarkdownRenderer.Version;
        if (!post.LanguageChosen)
            post.Language = Search.ChineseVariants.DetectScript(post.Title + post.PlainText);
    }

    private static string Searchable(string text)
    {
        if (text.Length <= MaxSearchableLength)
            return text;
        var end = char.IsHighSurrogate(text[MaxSearchableLength - 1]) ? MaxSearchableLength - 1 : MaxSearchableLength;
        return text[..end];
    }
}
