using System.Net;
using System.Text;
using Markdig.Renderers.Html;
using Markdig.Helpers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Blog.Content;

public sealed record TocEntry(int Level, string Text, string Anchor);

/// <summary>
/// Gives every heading a unique anchor that keeps its CJK text (Markdig's own identifiers drop
/// it, so <c>## 1. 幻觉 LoRA</c> became <c>lora</c> and Chinese headings collided) and collects
/// the table of contents.
/// </summary>
internal static class Headings
{
    public const int MinimumForToc = 3;

    public static List<TocEntry> AssignAnchors(MarkdownDocument document)
    {
        var entries = new List<TocEntry>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var heading in document.Descendants<HeadingBlock>())
        {
            StripDocsifyMarkers(heading);
            var text = InlineText.Of(heading.Inline);
            var anchor = Unique(Slugs.Normalize(text, lowercase: true) is { Length: > 0 } s ? s : "section", used);
            heading.GetAttributes().Id = anchor;
            entries.Add(new TocEntry(heading.Level, text, anchor));
        }
        return entries;
    }

    /// <summary>docsify's <c>{docsify-ignore}</c> and <c>{docsify-ignore-all}</c> tell its sidebar to skip a heading; they are not part of it.</summary>
    private static void StripDocsifyMarkers(HeadingBlock heading)
    {
        if (heading.Inline is null)
            return;
        foreach (var literal in heading.Inline.Descendants<LiteralInline>())
        {
            var content = literal.Content.ToString();
            if (content.Contains("{docsify-ignore", StringComparison.Ordinal))
                literal.Content = new StringSlice(content.Replace("{docsify-ignore-all}", "").Replace("{docsify-ignore}", "").TrimEnd());
        }
    }

    /// <summary>Typora's <c>[TOC]</c> paragraph: the table of contents in its place, however few the headings.</summary>
    public static string InsertToc(string html, IReadOnlyList<TocEntry> entries)
    {
        const string Marker = "<p>[TOC]</p>";
        if (!html.Contains(Marker, StringComparison.OrdinalIgnoreCase))
            return html;
        return html.Replace(Marker, entries.Count == 0 ? "" : TocHtml(entries, minimum: 1), StringComparison.OrdinalIgnoreCase);
    }

    private static string Unique(string anchor, HashSet<string> used)
    {
        var candidate = anchor;
        for (var n = 2; !used.Add(candidate); n++)
            candidate = $"{anchor}-{n}";
        return candidate;
    }

    /// <summary>
    /// A nested list of links. The author's own numbering is part of the heading text, so the
    /// list adds none of its own.
    /// </summary>
    public static string TocHtml(IReadOnlyList<TocEntry> entries, int minimum = MinimumForToc)
    {
        if (entries.Count < minimum)
            return "";

        var top = entries.Min(e => e.Level);
        // No label of its own: the stored HTML is the same whatever the interface's language, and
        // the article page puts the list in a box titled in that language.
        var sb = new StringBuilder("<nav class=\"toc\"><ul>");
        var depth = 0;
        for (var i = 0; i < entries.Count; i++)
        {
            var level = Math.Max(entries[i].Level - top, 0);
            // Never jump more than one level deeper, so a skipped heading level makes no empty items.
            level = Math.Min(level, depth + 1);
            if (i > 0)
            {
                if (level > depth) sb.Append("<ul>");
                else sb.Append("</li>");
                for (; depth > level; depth--) sb.Append("</ul></li>");
            }
            depth = level;
            sb.Append("<li><a href=\"#").Append(WebUtility.HtmlEncode(entries[i].Anchor)).Append("\">")
              .Append(WebUtility.HtmlEncode(entries[i].Text)).Append("</a>");
        }
        sb.Append("</li>");
        for (; depth > 0; depth--) sb.Append("</ul></li>");
        sb.Append("</ul></nav>");
        return sb.ToString();
    }
}
