namespace Blog.Media;

public static class MediaMarkdown
{
    /// <summary>
    /// <c>![alt](/media/...)</c>: the image's description, else its original file name without the
    /// extension when that says something (not <c>image-20240510...</c> or <c>Screenshot ...</c>),
    /// else nothing, with the characters that would end or break the brackets escaped.
    /// </summary>
    public static string Image(string originalName, string url, string? description = null) =>
        $"![{Escape(AltFor(originalName, description))}]({url})";

    /// <summary>The alt text to insert for an image: what the editor puts between the brackets.</summary>
    public static string AltFor(string originalName, string? description)
    {
        if (!string.IsNullOrWhiteSpace(description))
            return description.Trim();
        var name = Path.GetFileNameWithoutExtension(originalName);
        return AltTexts.IsMissing(name) ? "" : name;
    }

    private static string Escape(string alt) =>
        alt.Replace("\\", "\\\\").Replace("[", "\\[").Replace("]", "\\]").ReplaceLineEndings(" ");
}
