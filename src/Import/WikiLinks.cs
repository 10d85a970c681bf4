using System.Text.RegularExpressions;
using Markdig.Extensions.Mathematics;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Blog.Import;

/// <summary>An Obsidian link as written: <c>[[note#heading|alias]]</c>, or an embed <c>![[image.png|300]]</c>.</summary>
internal sealed record WikiLink(int Start, int Length, bool IsEmbed, string Target, string? Heading, string? Alias);

/// <summary>
/// Finds Obsidian's <c>[[...]]</c> links in a note. Markdig does not parse them, so they are found in
/// the text, outside code and math (whose spans the parsed document gives): an example of the syntax
/// in a code block stays as written.
/// </summary>
internal static partial class WikiLinks
{
    [GeneratedRegex(@"(!?)\[\[([^\[\]\n]+?)\]\]")]
    private static partial Regex Pattern();

    public static List<WikiLink> Find(MarkdownDocument document, string markdown)
    {
        var links = new List<WikiLink>();
        if (!markdown.Contains("[[", StringComparison.Ordinal))
            return links;
        var literal = document.Descendants<CodeBlock>().Select(b => b.Span)
            .Concat(document.Descendants<CodeInline>().Select(c => c.Span))
            .Concat(document.Descendants<MathInline>().Select(m => m.Span))
            .ToList();
        foreach (Match match in Pattern().Matches(markdown))
        {
            if (literal.Any(s => s.Start <= match.Index && match.Index <= s.End))
                continue;
            var inner = match.Groups[2].Value;
            var bar = inner.IndexOf('|');
            var alias = bar < 0 ? null : inner[(bar + 1)..].Trim();
            var target = bar < 0 ? inner : inner[..bar];
            var hash = target.IndexOf('#');
            var heading = hash < 0 ? null : target[(hash + 1)..].Trim();
            target = (hash < 0 ? target : target[..hash]).Trim();
            links.Add(new WikiLink(match.Index, match.Length, match.Groups[1].Length > 0, target, heading, alias));
        }
        return links;
    }
}
