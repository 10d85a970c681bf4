using System.Globalization;

namespace Blog.Media;

/// <summary>
/// The smaller WebP copies of a stored image, made for readers on smaller screens: which widths
/// an image gets, and where they live. They sit in <c>variants/</c> of the media folder (shared by
/// every node) under the original's hash name and their width, so their URLs never change
/// meaning and are cached for good. The original always stays, for feeds, exports and zooming in.
/// </summary>
public static class ImageVariants
{
    public const string Folder = "variants";
    public const string UrlPrefix = MediaStore.UrlPrefix + Folder + "/";

    /// <summary>Phone, tablet or the reading column at 1×, and the column at 2×.</summary>
    public static readonly int[] Steps = [480, 960, 1600];

    /// <summary>
    /// Past this many pixels an image is not decoded to make copies (a tiny PNG can claim to be
    /// 100,000 pixels square): it is served as it is. A long screenshot, 2560 wide and 15,000
    /// high, is still under.
    /// </summary>
    public const long MaxPixels = 40_000_000;

    /// <summary>The widths of an image's copies, never wider than the image; none for GIFs, which may be animated.</summary>
    public static IReadOnlyList<int> WidthsFor(string fileName, PixelSize size)
    {
        if (size.Width <= 0 || size.Height <= 0 || size.Pixels > MaxPixels || fileName.EndsWith(".gif", StringComparison.Ordinal))
            return [];
        var widths = Steps.Where(w => w < size.Width).ToList();
        widths.Add(Math.Min(size.Width, Steps[^1]));
        return widths.Distinct().ToList();
    }

    public static string FileName(string original, int width) =>
        string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileNameWithoutExtension(original)}-{width}.webp");

    public static string Url(string original, int width) => UrlPrefix + FileName(original, width);
}
