namespace Blog.Content;

/// <summary>
/// The URL allowlist for links and images written in Markdown: http, https, mailto and relative
/// URLs pass; anything else (javascript:, data:, vbscript:, file:, ...) is neutralized.
/// </summary>
public static class SafeUrls
{
    public const string Neutralized = "#";

    private static readonly string[] AllowedSchemes = ["http", "https", "mailto"];

    public static bool IsSafe(string? url)
    {
        if (string.IsNullOrEmpty(url))
            return true;

        // Browsers ignore ASCII whitespace and controls inside a scheme ("java\tscript:").
        var compact = new string(url.Where(c => c > ' ' && c != '\u007f').ToArray());
        var colon = compact.IndexOf(':');
        if (colon < 0)
            return true;

        // A colon after the first '/', '?' or '#' belongs to a relative URL's path or query.
        var firstDelimiter = compact.IndexOfAny(['/', '?', '#']);
        if (firstDelimiter >= 0 && firstDelimiter < colon)
            return true;

        var scheme = compact[..colon];
        return AllowedSchemes.Contains(scheme, StringComparer.OrdinalIgnoreCase);
    }

    public static string Clean(string? url) => IsSafe(url) ? url ?? "" : Neutralized;
}
