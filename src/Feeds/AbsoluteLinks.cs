using System.Net;
using System.Text.RegularExpressions;

namespace Blog.Feeds;

/// <summary>
/// Feed readers show an article away from our site, so every link and image in it must be
/// absolute. The HTML is the pipeline's own output (attributes always double-quoted), so a
/// targeted pattern over href and src is exact.
/// </summary>
internal static partial class AbsoluteLinks
{
    [GeneratedRegex("""\b(href|src)="([^"]*)""", RegexOptions.CultureInvariant)]
    private static partial Regex UrlAttribute();

    public static string Resolve(string html, Uri page) =>
        UrlAttribute().Replace(html, match =>
        {
            var value = WebUtility.HtmlDecode(match.Groups[2].Value);
            if (!Uri.TryCreate(page, value, out var absolute))
                return match.Value;
            return $"{match.Groups[1].Value}=\"{WebUtility.HtmlEncode(absolute.AbsoluteUri)}\"";
        });
}
