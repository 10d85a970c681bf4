using Ganss.Xss;

namespace Blog.Content;

/// <summary>
/// The allowlist for the HTML that notes really contain: Typora's resized images
/// (<c>&lt;img style="zoom:50%"&gt;</c>), centred blocks, <c>&lt;sup&gt;</c>, <c>&lt;details&gt;</c>,
/// <c>&lt;font color&gt;</c>, HTML tables. Everything else is removed: scripts and their text, event
/// handlers, URLs other than http(s), mailto and relative ones (and data: images), frames, forms,
/// styles beyond a few properties. HTML comments are dropped. Markdig's own output (the Markdown
/// around the HTML) passes unchanged; HTML made by our renderers bypasses this through <see cref="TrustedHtml"/>.
/// </summary>
internal static class NoteHtmlSanitizer
{
    private static readonly string[] Tags =
    [
        "a", "abbr", "b", "bdi", "bdo", "blockquote", "br", "caption", "center", "cite", "code", "col", "colgroup",
        "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "font", "h1", "h2", "h3",
        "h4", "h5", "h6", "hr", "i", "img", "input", "ins", "kbd", "li", "mark", "ol", "p", "picture", "pre", "q",
        "rp", "rt", "ruby", "s", "samp", "section", "small", "source", "span", "strike", "strong", "sub", "summary",
        "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "tt", "u", "ul", "var", "wbr",
    ];

    private static readonly string[] Attributes =
    [
        "align", "alt", "border", "cellpadding", "cellspacing", "checked", "cite", "class", "color", "colspan",
        "datetime", "decoding", "dir", "disabled", "face", "height", "href", "id", "lang", "loading", "open",
        "rowspan", "size", "sizes", "span", "src", "srcset", "start", "style", "title", "type", "valign", "width",
    ];

    private static readonly string[] CssProperties =
    [
        "background-color", "color", "font-family", "font-size", "font-style", "font-weight", "height", "margin",
        "margin-bottom", "margin-left", "margin-right", "margin-top", "max-height", "max-width", "text-align",
        "text-decoration", "vertical-align", "width", "zoom",
    ];

    // Removed with everything inside them: their text is code, styles or widgets, never prose.
    private static readonly HashSet<string> DropWithContent = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "template", "noscript",
        "noembed", "noframes", "textarea", "select", "option", "button", "title", "head", "svg", "math", "xmp",
        "plaintext", "form", "canvas", "audio", "video", "base", "link", "meta",
    };

    private static readonly Lazy<HtmlSanitizer> Sanitizer = new(Create);

    /// <summary>
    /// Builds the sanitizer and runs it once. Its first use loads AngleSharp and its CSS parser,
    /// which takes longer than a render's whole time limit: the renderer calls this outside the limit.
    /// </summary>
    public static void Prepare() => Sanitizer.Value.Sanitize("<p style=\"color:red\">x</p>");

    private static HtmlSanitizer Create()
    {
        var sanitizer = new HtmlSanitizer(new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(Tags, StringComparer.OrdinalIgnoreCase),
            AllowedAttributes = new HashSet<string>(Attributes, StringComparer.OrdinalIgnoreCase),
            AllowedCssProperties = new HashSet<string>(CssProperties, StringComparer.OrdinalIgnoreCase),
            AllowedSchemes = new HashSet<string>(["http", "https", "mailto"], StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(["href", "src", "cite", "srcset"], StringComparer.OrdinalIgnoreCase),
            AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
        })
        {
            // An unknown tag (a generic type like List<String> in prose) keeps its text; the
            // dangerous ones lose theirs first (below).
            KeepChildNodes = true,
        };
        sanitizer.RemovingTag += (_, e) =>
        {
            if (DropWithContent.Contains(e.Tag.LocalName))
                e.Tag.TextContent = "";
        };
        sanitizer.FilterUrl += (_, e) =>
        {
            // Pasted screenshots sometimes arrive inline; a raster data: image cannot run script.
            if (e.SanitizedUrl is null && e.Tag.LocalName == "img" && IsRasterDataImage(e.OriginalUrl))
                e.SanitizedUrl = e.OriginalUrl;
        };
        sanitizer.PostProcessNode += (_, e) =>
        {
            // Inputs are the task lists' checkboxes, shown and never used.
            if (e.Node is AngleSharp.Dom.IElement { LocalName: "input" } input)
            {
                if (!string.Equals(input.GetAttribute("type"), "checkbox", StringComparison.OrdinalIgnoreCase))
                    input.Parent?.RemoveChild(input);
                else
                    input.SetAttribute("disabled", "");
            }
        };
        return sanitizer;
    }

    public static string Sanitize(string html)
    {
        return Sanitizer.Value.Sanitize(html);
    }

    private static bool IsRasterDataImage(string url) =>
        url.StartsWith("data:image/png", StringComparison.OrdinalIgnoreCase)
        || url.StartsWith("data:image/jpeg", StringComparison.OrdinalIgnoreCase)
        || url.StartsWith("data:image/gif", StringComparison.OrdinalIgnoreCase)
        || url.StartsWith("data:image/webp", StringComparison.OrdinalIgnoreCase);
}
