namespace Blog.Media;

public static class MediaMarkdown
{
    /// <summary>
    /// <c>![name](/media/...)</c>, the alt text from the original file name without its extension,
    /// with the characters that would end or break the brackets escaped.
    /// </summary>
    public static string Image(string originalName, string url)
    {
        var alt = Path.GetFileNameWithoutExtension(originalName)
            .Replace("\\", "\\\\").Replace("[", "\\[").Replace("]", "\\]")
            .ReplaceLineEndings(" ");
        return $"![{alt}]({url})";
    }
}
