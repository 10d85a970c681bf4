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
    /// <summary>Formulas KaTeX refused: shown as their source with its message, counted in import reports.</summary>
    public int MathErrors { get; init; }

    /// <summary>KaTeX's message about the first formula it refused.</summary>
    public string? FirstMathError { get; init; }

    /// <summary>Why formulas were shown as their source although they may be valid (the math engine did not start), or null.</summary>
    public string? MathUnavailable { get; init; }

    public static RenderedMarkdown Failed(string html, string error) =>
        new(html, "", "", "", 0, 1, false, false, null, error);
}
