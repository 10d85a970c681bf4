namespace Blog.Content;

/// <summary>What the author reads when a note is kept as typed instead of rendered: what happened, and what to do.</summary>
internal static class RenderMessages
{
    private const string Kept = "The text is saved as typed";

    public static string TooLong(int length, int max) =>
        $"This Markdown is too long to render: {length:N0} characters, more than the {max:N0} a post may have. "
        + $"{Kept}; split it into several posts to publish it formatted.";

    public static string TooComplex(TimeSpan limit) =>
        $"This Markdown is too complex to render in time: it took longer than {limit.TotalSeconds:0.#} s "
        + "(very long runs of brackets, emphasis marks, table columns or nested lists do this). "
        + $"{Kept}; simplify it to publish it formatted.";

    public const string TooDeep =
        "This Markdown could not be rendered: it nests quotes, lists or brackets too deeply "
        + $"(Markdig stops at 128 levels). {Kept}; reduce the nesting to publish it formatted.";

    public const string Busy =
        "This Markdown was not rendered: the renderer is still busy with earlier text that was too complex. "
        + $"{Kept}; save again in a minute to publish it formatted.";

    public const string Failed =
        $"This Markdown could not be rendered because of an error in the renderer (it was logged). {Kept}.";
}
