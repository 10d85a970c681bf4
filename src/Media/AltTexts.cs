using System.Text.RegularExpressions;

namespace Blog.Media;

/// <summary>
/// Alt texts that are only a file name, as editors write them when an image is pasted: Typora's
/// <c>image-20240510091624087</c>, a macOS <c>截屏2024-05-10 09.16.24</c>, a Windows
/// <c>屏幕截图 2024-05-10 091624</c>, <c>Screenshot 2024-...</c>, Obsidian's <c>Pasted image ...</c>,
/// a camera's <c>IMG_1234</c>, or any name ending in an image extension. A screen reader
/// reading those out helps nobody: they count as no alt text at all.
/// </summary>
public static partial class AltTexts
{
    [GeneratedRegex("""
        ^(?:
            .*\.(?:png|jpe?g|gif|webp|bmp|svg|avif|heic|tiff?)
          | (?:image|img|pic|picture|photo|图片|图像|未命名|untitled)[\s_-]*\d*
          | (?:截屏|截图|屏幕截图|屏幕快照|截屏图片|微信图片|微信截图|QQ截图|Screenshot|Screen\s?Shot|Snipaste|Pasted\s?image|Clipboard|CleanShot|Capture|IMG|DSC|PXL|VID)[\s_-]*\d.*
          | [0-9a-f]{8,}(?:-[0-9a-f]{4,})*
          | [\d\s_.:-]+
        )$
        """, RegexOptions.IgnoreCase | RegexOptions.IgnorePatternWhitespace | RegexOptions.CultureInvariant)]
    private static partial Regex FileNameLike();

    /// <summary>True when the text says nothing about the picture: empty, or a file name.</summary>
    public static bool IsMissing(string? alt) => string.IsNullOrWhiteSpace(alt) || FileNameLike().IsMatch(alt.Trim());

    /// <summary>The alt text a note's image gets: its own, unless that is a file name; then the image's description, or none.</summary>
    public static string For(string? written, string? description) =>
        !IsMissing(written) ? written!.Trim() : description?.Trim() ?? "";
}
