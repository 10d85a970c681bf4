using NetVips;

namespace Blog.Media;

/// <summary>An image's size in pixels as a browser shows it (EXIF orientation applied).</summary>
public readonly record struct PixelSize(int Width, int Height)
{
    public long Pixels => (long)Width * Height;
}

/// <summary>Reads an image's size from its header; the pixels are not decoded.</summary>
internal static class ImageProbe
{
    public static PixelSize? Of(byte[] content) => Read(() => Image.NewFromBuffer(content, access: Enums.Access.Sequential));

    public static PixelSize? OfFile(string path) => File.Exists(path) ? Read(() => Image.NewFromFile(path, access: Enums.Access.Sequential)) : null;

    private static PixelSize? Read(Func<Image> open)
    {
        if (!Vips.Available)
            return null;
        try
        {
            using var image = open();
            // Orientations 5-8 turn the picture a quarter: a phone photo stored 4032×3024 shows 3024×4032.
            var orientation = image.Contains("orientation") && image.Get("orientation") is int o ? o : 1;
            return orientation is >= 5 and <= 8 ? new PixelSize(image.Height, image.Width) : new PixelSize(image.Width, image.Height);
        }
        catch (VipsException)
        {
            return null; // damaged or truncated: stored all the same, shown without a size
        }
    }
}
