using System.Text.RegularExpressions;
using Blog.Hosting;
using Microsoft.Extensions.Options;

namespace Blog.Media;

/// <summary>Where stored images and their copies are on disk (<c>Blog__MediaPath</c>, shared by every node).</summary>
public sealed partial class MediaFolder(IOptions<BlogOptions> options)
{
    public string Root { get; } = Path.GetFullPath(options.Value.MediaPath);

    public string VariantFolder => Path.Combine(Root, ImageVariants.Folder);

    /// <summary>The name MediaStore gives an image: the first half of its SHA-256 and its type.</summary>
    [GeneratedRegex("^[0-9a-f]{32}\\.(?:png|jpg|gif|webp)$", RegexOptions.CultureInvariant)]
    public static partial Regex StoredName();

    /// <summary>The file of a stored image, when the name is one of ours and the file is there.</summary>
    public string? PathOf(string fileName) =>
        StoredName().IsMatch(fileName) && File.Exists(Path.Combine(Root, fileName)) ? Path.Combine(Root, fileName) : null;

    public string VariantPath(string original, int width) => Path.Combine(VariantFolder, ImageVariants.FileName(original, width));

    /// <summary>The stored image a copy was made from (by its hash name), when it is still there.</summary>
    public string? OriginalOf(string stem) =>
        new[] { ".png", ".jpg", ".webp" }.Select(e => stem + e).FirstOrDefault(n => PathOf(n) is not null);
}
