namespace Blog.Media;

public sealed record ImageFormat(string Extension, string ContentType);

/// <summary>Recognises the images we accept by their first bytes, never by their name.</summary>
public static class ImageFormats
{
    public static readonly ImageFormat Png = new(".png", "image/png");
    public static readonly ImageFormat Jpeg = new(".jpg", "image/jpeg");
    public static readonly ImageFormat Gif = new(".gif", "image/gif");
    public static readonly ImageFormat WebP = new(".webp", "image/webp");

    public static ImageFormat? Detect(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
            return Png;
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
            return Jpeg;
        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8))
            return Gif;
        if (head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
            return WebP;
        return null;
    }

    public static ImageFormat? FromExtension(string extension) =>
        new[] { Png, Jpeg, Gif, WebP }.FirstOrDefault(f => f.Extension == extension.ToLowerInvariant())
        ?? (extension.Equals(".jpeg", StringComparison.OrdinalIgnoreCase) ? Jpeg : null);
}
