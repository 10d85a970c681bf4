using System.Net;
using System.Text;
using Markdig;
using Markdig.Extensions.Mathematics;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Blog.Content;

/// <summary>
/// The one Markdown pipeline: publishing, preview, import and feeds all render through it, so
/// what the author previews is what readers get. Markdig pipelines are immutable and thread-safe,
/// so it is built once and registered as a singleton.
/// </summary>
public sealed class MarkdownRenderer
{
    /// <summary>Bump when the output changes; posts rendered by an older version are re-rendered at start.</summary>
    public const int Version = 3;

    // Reading speeds: about 300 CJK characters or 200 English words a minute.
    private const double CjkPerMinute = 300, WordsPerMinute = 200;

    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseGridTables()
        .UseTaskLists()
        .UseFootnotes()
        .UseEmphasisExtras(Markdig.Extensions.EmphasisExtras.EmphasisExtraOptions.Strikethrough)
        .UseAutoLinks()
        .UseMathematics()
        .Use<StudyNotesExtension>()
        .DisableHtml() // raw HTML is shown as text, never executed
        .Build();

    /// <summary>The syntax tree as the pipeline sees it, for tools that must agree with rendering (import's link rewriting).</summary>
    public MarkdownDocument Parse(string markdown) => Markdown.Parse(markdown, _pipeline);

    public RenderedMarkdown Render(string markdown)
    {
        MarkdownDocument document;
        try
        {
            document = Markdown.Parse(markdown, _pipeline);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IndexOutOfRangeException)
        {
            // Markdig refuses input nested 128+ levels deep. The note must survive: keep the text
            // readable as plain text and tell the author what to fix.
            return RenderedMarkdown.Failed(
                $"<pre class=\"unrendered\">{WebUtility.HtmlEncode(markdown)}</pre>",
                "This Markdown could not be rendered: it nests quotes, lists or brackets too deeply "
                + "(Markdig stops at 128 levels). The text is saved as typed; reduce the nesting to publish it formatted.");
        }

        var toc = Headings.AssignAnchors(document);
        var images = SecureLinks(document);
        var plainText = PlainText(document);
        var (cjk, words) = Cjk.Count(plainText);

        return new RenderedMarkdown(
            Html: ToHtml(document),
            TocHtml: Headings.TocHtml(toc),
            PlainText: plainText,
            Excerpt: Excerpts.From(document),
            WordCount: cjk + words,
            ReadingMinutes: Math.Max(1, (int)Math.Ceiling(cjk / CjkPerMinute + words / WordsPerMinute)),
            HasMath: document.Descendants<MathInline>().Any() || document.Descendants<MathBlock>().Any(),
            HasCode: document.Descendants<FencedCodeBlock>().Any(b => b is not MathBlock && !string.IsNullOrWhiteSpace(b.Info)),
            FirstImage: images.FirstOrDefault(),
            Error: null);
    }

    private string ToHtml(MarkdownDocument document)
    {
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        _pipeline.Setup(renderer);
        renderer.Render(document);
        return writer.ToString();
    }

    /// <summary>Neutralizes unsafe URLs, lazy-loads images, and returns the images' URLs in order.</summary>
    private static List<string> SecureLinks(MarkdownDocument document)
    {
        var images = new List<string>();
        foreach (var inline in document.Descendants<Inline>())
        {
            switch (inline)
            {
                case LinkInline link:
                    link.Url = SafeUrls.Clean(link.Url);
                    if (link.IsImage)
                    {
                        link.GetAttributes().AddProperty("loading", "lazy");
                        link.GetAttributes().AddProperty("decoding", "async");
                        if (link.Url is { Length: > 1 } url)
                            images.Add(url);
                    }
                    break;
                case AutolinkInline { IsEmail: false } autolink:
                    autolink.Url = SafeUrls.Clean(autolink.Url);
                    break;
            }
        }
        return images;
    }

    /// <summary>All readable text, code included, for word counts and search.</summary>
    private static string PlainText(MarkdownDocument document)
    {
        var sb = new StringBuilder();
        foreach (var leaf in document.Descendants<LeafBlock>())
        {
            if (leaf.Inline is not null)
                sb.AppendLine(InlineText.Of(leaf.Inline));
            else if (leaf is CodeBlock and not MathBlock)
                sb.AppendLine(leaf.Lines.ToString());
        }
        return sb.ToString();
    }
}
