namespace Blog.Content;

/// <summary>Everything computed from a note's Markdown at save time.</summary>
public sealed record RenderedMarkdown(
    string Html,
    string TocHtml,
    string PlainText,
    string Excerpt,
    int WordCount,
    int ReadingMinutes,
    bool HasMath,
    bool HasCode,
    string? FirstImage,
    string? Error)
{
    public static RenderedMarkdown Failed(string html, string error) =>
        new(html, "", "", "", 0, 1, false, false, null, error);
}
