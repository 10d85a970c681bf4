using System.Text;

namespace Blog.Media;

/// <summary>
/// Names what a refused upload really is, so the message can say "an HTML page" or "an SVG
/// image" instead of only "not an image". Only for messages: acceptance is decided by
/// <see cref="ImageFormats.Detect"/> alone.
/// </summary>
public static class RefusedContent
{
    public static string? Describe(ReadOnlySpan<byte> content)
    {
        var head = content[..Math.Min(content.Length, 1024)];
        if (head.StartsWith("%PDF"u8))
            return "a PDF document";
        if (head.StartsWith("PK\u0003\u0004"u8))
            return "a .zip archive (or an Office document)";
        if (head.StartsWith("BM"u8))
            return "a BMP image";

        var text = Encoding.UTF8.GetString(head).TrimStart('\uFEFF', ' ', '\t', '\r', '\n').ToLowerInvariant();
        if (text.StartsWith("<svg") || (text.StartsWith("<?xml") && text.Contains("<svg")) || text.Contains("<svg "))
            return "an SVG image";
        if (text.StartsWith("<!doctype html") || text.StartsWith("<html") || text.Contains("<script") || text.Contains("<body"))
            return "an HTML page";
        if (text.Length > 0 && !text.Contains('\uFFFD') && !text.Any(c => char.IsControl(c) && c is not ('\r' or '\n' or '\t')))
            return "text";
        return null;
    }
}
