using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Blog.Hosting;
using Microsoft.Extensions.Options;

namespace Blog.Media;

/// <summary>
/// The last step of rendering a note: every <c>&lt;img&gt;</c> of a stored image, from Markdown or
/// from the note's own HTML, gets its width and height (so the page never jumps as images load;
/// Typora's <c>zoom:50%</c> becomes half the width), an alt text that is not a file name, and,
/// inside a <c>&lt;picture&gt;</c>, WebP copies sized for the reader's screen. The
/// tags are read as a browser reads them (<see cref="ImgTags"/>).
/// </summary>
public sealed partial class ArticleImages(MediaCatalog catalog, IOptions<BlogOptions> options)
{
    /// <summary>The reading column (45rem) and its padding (1rem each side), as the site's stylesheet sets them.</summary>
    private const int Column = 720, Padding = 32;

    [GeneratedRegex("""^/media/([0-9a-f]{32}\.(?:png|jpg|gif|webp))$""", RegexOptions.CultureInvariant)]
    private static partial Regex StoredImage();

    [GeneratedRegex("""(?:^|;)\s*zoom\s*:\s*([0-9]*\.?[0-9]+)\s*(%?)\s*(?=;|$)""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Zoom();

    [GeneratedRegex("""</?picture>|<source\b(?:[^>"']|"[^"]*"|'[^']*')*>""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PictureMarkup();

    private readonly bool _variants = options.Value.ImageVariants;

    /// <summary>
    /// The images as their originals only, for feeds: a feed reader shows the article away from
    /// this site and often drops <c>&lt;picture&gt;</c>; the <c>&lt;img&gt;</c> inside stands alone.
    /// </summary>
    public static string OriginalsOnly(string html) =>
        html.Contains("<picture>", StringComparison.Ordinal) ? PictureMarkup().Replace(html, "") : html;

    public string Apply(string html)
    {
        if (!html.Contains("<img", StringComparison.OrdinalIgnoreCase))
            return html;
        var tags = ImgTags.In(html).ToList();
        var names = tags.Select(StoredName).OfType<string>().ToList();
        var facts = names.Count > 0 ? catalog.Find(names) : new Dictionary<string, MediaFacts>();

        var sb = new StringBuilder(html.Length + tags.Count * 300);
        var at = 0;
        foreach (var tag in tags)
        {
            sb.Append(html, at, tag.Start - at).Append(Rewrite(tag, facts));
            at = tag.End;
        }
        return sb.Append(html, at, html.Length - at).ToString();
    }

    private string Rewrite(ImgTag img, IReadOnlyDictionary<string, MediaFacts> known)
    {
        var name = StoredName(img);
        var facts = name is not null && known.TryGetValue(name, out var f) ? f : null;

        img.Set("alt", AltTexts.For(img.Get("alt"), facts?.Description));
        // A width in percent is the author's layout: the size is left to it.
        if (facts is null || DisplaySize(img, facts.Size) is not var (width, height))
            return img.ToString();
        img.Set("width", width.ToString(CultureInfo.InvariantCulture));
        img.Set("height", height.ToString(CultureInfo.InvariantCulture));

        var widths = _variants ? ImageVariants.WidthsFor(name!, facts.Size) : [];
        if (widths.Count == 0)
            return img.ToString();
        var srcset = string.Join(", ", widths.Select(w => string.Create(CultureInfo.InvariantCulture, $"{ImageVariants.Url(name!, w)} {w}w")));
        var shown = Math.Min(width, Column);
        var sizes = string.Create(CultureInfo.InvariantCulture, $"(max-width: {shown + Padding}px) calc(100vw - 2rem), {shown}px");
        return $"<picture><source type=\"image/webp\" srcset=\"{srcset}\" sizes=\"{sizes}\">{img}</picture>";
    }

    /// <summary>The size the author asked for: their width (or height), or Typora's zoom, else the image's own.</summary>
    private static (int Width, int Height)? DisplaySize(ImgTag img, PixelSize size)
    {
        var ratio = (double)size.Height / size.Width;
        if (img.Get("width") is { } written && Pixels(written) is null)
            return null;
        if (Pixels(img.Get("width")) is { } width)
            return (width, Pixels(img.Get("height")) ?? Math.Max(1, (int)Math.Round(width * ratio)));
        if (Pixels(img.Get("height")) is { } height)
            return (Math.Max(1, (int)Math.Round(height / ratio)), height);

        var style = img.Get("style");
        if (style is not null && Zoom().Match(style) is { Success: true } zoom
            && double.TryParse(zoom.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var factor) && factor > 0)
        {
            factor = zoom.Groups[2].Value == "%" ? factor / 100 : factor;
            // The width now says it: a zoom left in the style would shrink the image a second time.
            var rest = Zoom().Replace(style, "").Trim().Trim(';').Trim();
            img.Set("style", rest.Length == 0 ? null : rest);
            return (Math.Max(1, (int)Math.Round(size.Width * factor)), Math.Max(1, (int)Math.Round(size.Height * factor)));
        }
        return (size.Width, size.Height);
    }

    private static int? Pixels(string? value) =>
        int.TryParse(value?.Trim().TrimEnd('x', 'p').Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;

    private static string? StoredName(ImgTag img) =>
        img.Get("src") is { } src && StoredImage().Match(src) is { Success: true } match ? match.Groups[1].Value : null;
}
