using System.Text;
using System.Text.RegularExpressions;
using Blog.Media;
using Markdig.Helpers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Blog.Import;

/// <summary>A link in a note that may point at a local image, with where its URL is written in the text.</summary>
internal sealed record LocalLink(string Url, int Start, int Length);

/// <summary>Where a local link points: the keys to try in the import, or why it cannot be imported.</summary>
internal sealed record LinkTarget(IReadOnlyList<string> Keys, ImportMessage? Problem = null, bool QuietIfMissing = false);

/// <summary>
/// Finds the image links of a note and rewrites their URLs. Links are located by parsing, with
/// the positions Markdig records for each URL, and the text is then edited at exactly those
/// positions: a regex over the text would also "fix" examples inside code blocks and math. The
/// document comes from <see cref="Blog.Content.MarkdownRenderer.Parse"/>, so that what counts as
/// a link (and as code or math) here is what the published page shows.
/// </summary>
internal static partial class ImageLinks
{
    [GeneratedRegex(@"<img\b[^>]*?\ssrc\s*=\s*(?:""(?<v>[^""]*)""|'(?<v>[^']*)'|(?<v>[^\s>""']+))", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlImageSource();

    private static readonly string[] ImageExtensions = [".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".bmp", ".avif"];

    /// <summary>
    /// Image links (<c>![](...)</c>) and reference definitions used by an image or naming an image
    /// file, plus plain links to image files, whose URL is not an absolute web address.
    /// </summary>
    public static List<LocalLink> Find(MarkdownDocument document, string markdown)
    {
        var links = new List<LocalLink>();
        var inlines = document.Descendants<LinkInline>().ToList();
        var usedByImages = inlines.Where(l => l.IsImage && l.Reference is not null).Select(l => l.Reference).ToHashSet();

        foreach (var link in inlines)
        {
            // A reference-style link carries its definition's span: the definition is rewritten once, below.
            if (link.Reference is not null || link.IsAutoLink || link.Url is null || link.UrlSpan.IsEmpty)
                continue;
            if ((link.IsImage || LooksLikeImage(link.Url)) && IsLocal(link.Url))
                Add(links, markdown, link.Url, link.UrlSpan);
        }
        // <img src="../img/ch1/1.1.png"> in the note's own HTML (Typora writes it for resized images).
        foreach (var html in document.Descendants<HtmlBlock>().Select(b => b.Span).Concat(document.Descendants<HtmlInline>().Select(i => i.Span)))
        {
            if (html.Start < 0 || html.End >= markdown.Length)
                continue;
            foreach (Match src in HtmlImageSource().Matches(markdown.Substring(html.Start, html.Length)))
            {
                var value = src.Groups["v"];
                var url = HtmlHelper.Unescape(value.Value);
                if (IsLocal(url) && links.All(l => l.Start != html.Start + value.Index))
                    links.Add(new LocalLink(url, html.Start + value.Index, value.Length));
            }
        }
        foreach (var definition in document.Descendants<LinkReferenceDefinition>())
        {
            // Footnotes and generated heading anchors are subclasses; only authors' [id]: url lines count.
            if (definition.GetType() != typeof(LinkReferenceDefinition) || definition.Url is null || definition.UrlSpan.IsEmpty)
                continue;
            if ((usedByImages.Contains(definition) || LooksLikeImage(definition.Url)) && IsLocal(definition.Url))
                Add(links, markdown, definition.Url, definition.UrlSpan);
        }
        return links;
    }

    /// <summary>
    /// Resolves a link against the note's folder. Percent-encoded names (Typora writes <c>%20</c>)
    /// are tried decoded first, then as written; a path may not climb above the import root.
    /// </summary>
    public static LinkTarget Resolve(string noteKey, string url)
    {
        var path = url.Split('#', '?')[0].Replace('\\', '/');
        if (path.Length >= 3 && char.IsAsciiLetter(path[0]) && path[1] == ':' && path[2] == '/'
            || path.StartsWith("/Users/", StringComparison.Ordinal) || path.StartsWith("/home/", StringComparison.Ordinal)
            || path.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
            return new LinkTarget([], new("is an absolute path on the author's computer"));

        // "/images/a.png" is how Hexo sites reference their source folder: try it from the import root.
        var rooted = path.StartsWith('/');
        var folder = rooted ? [] : noteKey.Split('/')[..^1];
        var keys = new List<string>();
        foreach (var candidate in new[] { Decode(path), path }.Distinct())
        {
            var key = Combine(folder, candidate);
            if (key is null)
                return new LinkTarget([], new("points outside the imported folder"));
            if (key.Length > 0 && !keys.Contains(key))
                keys.Add(key);
        }
        // A site path such as /media/... is already what we want; other rooted paths get a warning when missing.
        return new LinkTarget(keys, QuietIfMissing: rooted && path.StartsWith(MediaStore.UrlPrefix, StringComparison.Ordinal));
    }

    /// <summary>Writes the edits over the text, from the end so earlier positions stay valid; overlapping edits after the first are dropped.</summary>
    public static string Rewrite(string markdown, IEnumerable<TextEdit> edits)
    {
        var sb = new StringBuilder(markdown);
        var before = int.MaxValue;
        foreach (var edit in edits.OrderByDescending(e => e.Start))
        {
            if (edit.Start + edit.Length > before)
                continue;
            sb.Remove(edit.Start, edit.Length).Insert(edit.Start, edit.Text);
            before = edit.Start;
        }
        return sb.ToString();
    }

    public static bool IsLocal(string url) =>
        url.Length > 0 && !url.StartsWith('#') && !url.StartsWith("//", StringComparison.Ordinal) && !HasScheme(url);

    private static void Add(List<LocalLink> links, string markdown, string url, SourceSpan span)
    {
        // Only rewrite where the recorded span really holds this URL (unescaped, without <>):
        // a wrong position must leave the note untouched rather than corrupt it.
        if (span.Start < 0 || span.End >= markdown.Length)
            return;
        var written = markdown.Substring(span.Start, span.Length);
        var bare = written.StartsWith('<') && written.EndsWith('>') ? written[1..^1] : written;
        if (HtmlHelper.Unescape(bare) == url && links.All(l => l.Start != span.Start))
            links.Add(new LocalLink(url, span.Start, span.Length));
    }

    // "C:/..." and "C:\..." are drive letters, not schemes: Resolve reports them.
    private static bool HasScheme(string url)
    {
        var colon = url.IndexOf(':');
        if (colon < 2)
            return false;
        return char.IsAsciiLetter(url[0]) && !url.AsSpan(0, colon).ContainsAnyExcept(SchemeChars);
    }

    private static readonly System.Buffers.SearchValues<char> SchemeChars =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+.-");

    public static bool LooksLikeImage(string url)
    {
        var path = url.Split('#', '?')[0];
        return ImageExtensions.Any(e => path.EndsWith(e, StringComparison.OrdinalIgnoreCase));
    }

    private static string Decode(string path) => Uri.UnescapeDataString(path);

    /// <summary>Joins a relative path to a folder, folding . and ..; null when it climbs above the root.</summary>
    private static string? Combine(IEnumerable<string> folder, string path)
    {
        var segments = new List<string>(folder);
        foreach (var segment in path.Split('/'))
        {
            if (segment is "" or ".")
                continue;
            if (segment == "..")
            {
                if (segments.Count == 0)
                    return null;
                segments.RemoveAt(segments.Count - 1);
            }
            else
            {
                segments.Add(segment);
            }
        }
        return string.Join('/', segments);
    }
}
