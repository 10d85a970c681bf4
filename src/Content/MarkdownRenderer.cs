using System.Net;
using System.Text;
using Blog.Content.Formulas;
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
/// so it is built once and registered as a singleton. Every parse and render runs within a
/// budget (<see cref="RenderLimits"/>): Markdown too long, too complex or nested too deeply is
/// not rendered, and the caller gets the text as typed, escaped, with an <c>Error</c> that says why.
/// </summary>
public sealed class MarkdownRenderer
{
    /// <summary>Bump when the output changes; posts rendered by an older version are re-rendered at start.</summary>
    public const int Version = 7;

    // Reading speeds: about 300 CJK characters or 200 English words a minute.
    private const double CjkPerMinute = 300, WordsPerMinute = 200;

    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseGridTables()
        .UseTaskLists()
        .UseFootnotes()
        .UseEmphasisExtras(Markdig.Extensions.EmphasisExtras.EmphasisExtraOptions.Strikethrough | Markdig.Extensions.EmphasisExtras.EmphasisExtraOptions.Marked)
        .UseCjkFriendlyEmphasis() // **强化学习（RL）**讨论: the markdown-cjk-friendly amendments
        .UseAutoLinks()
        .UseMathematics()
        .Use<StudyNotesExtension>()
        .Build(); // raw HTML stays on: the sanitizer keeps what notes really use (see NoteHtmlSanitizer)

    // Started with the first renderer, so that the site's first note with HTML does not wait for it.
    private static readonly Task SanitizerReady = Task.Run(NoteHtmlSanitizer.Prepare);

    private readonly RenderBudget _budget;
    private readonly UnrenderableTexts _unrenderable = new();
    private readonly ILogger? _logger;
    private readonly Media.ArticleImages? _images;
    private readonly MathTypesetter _math;

    public MarkdownRenderer(ILogger<MarkdownRenderer>? logger = null, Media.ArticleImages? images = null, MathTypesetter? math = null)
        : this(RenderLimits.Default, logger, math)
    {
        _images = images;
    }

    internal MarkdownRenderer(RenderLimits limits, ILogger? logger = null, MathTypesetter? math = null)
    {
        _logger = logger;
        _budget = new RenderBudget(limits, logger);
        _math = math ?? MathTypesetter.Shared;
    }

    /// <summary>Renders still running past their time limit (see <see cref="RenderLimits.MaxOverrunning"/>).</summary>
    internal int Overrunning => _budget.Overrunning;

    /// <summary>
    /// The syntax tree as the pipeline sees it, for tools that must agree with rendering (import's
    /// title and link rewriting); null when the Markdown could not be parsed within the budget.
    /// </summary>
    public MarkdownDocument? TryParse(string markdown)
    {
        if (markdown.Length > _budget.Limits.MaxLength || _unrenderable.ErrorOf(markdown) is not null)
            return null;
        try
        {
            var (outcome, document) = _budget.Run(markdown.Length, deadline => Markdown.Parse(markdown, _pipeline, new RenderContext(deadline)));
            if (outcome == BudgetOutcome.TimedOut)
                _unrenderable.Add(markdown, RenderMessages.TooComplex(_budget.Limits.TimeFor(markdown.Length)));
            return document;
        }
        catch (Exception e) when (IsTooDeep(e))
        {
            _unrenderable.Add(markdown, RenderMessages.TooDeep);
            return null;
        }
    }

    public RenderedMarkdown Render(string markdown)
    {
        if (markdown.Length > _budget.Limits.MaxLength)
            return Unrendered(markdown, RenderMessages.TooLong(markdown.Length, _budget.Limits.MaxLength));
        if (_unrenderable.ErrorOf(markdown) is { } known)
            return Unrendered(markdown, known);
        if (markdown.Contains('<'))
            SanitizerReady.Wait();

        // The math engine starts with the first note that may have math, outside any note's time limit.
        if (MayHaveMath(markdown))
            _math.Start();
        var (outcome, rendered) = _budget.Run(markdown.Length, deadline => RenderWithin(markdown, deadline));
        switch (outcome)
        {
            case BudgetOutcome.Done:
                if (rendered!.Error is { } error)
                    _unrenderable.Add(markdown, error);
                // Outside the budget: it may ask the database for image sizes, and a slow answer
                // must not mark the note as too complex to render.
                else if (_images is not null)
                    rendered = rendered with { Html = _images.Apply(rendered.Html) };
                return rendered;
            case BudgetOutcome.TimedOut:
                var tooComplex = RenderMessages.TooComplex(_budget.Limits.TimeFor(markdown.Length));
                _unrenderable.Add(markdown, tooComplex);
                return Unrendered(markdown, tooComplex);
            default:
                return Unrendered(markdown, RenderMessages.Busy);
        }
    }

    /// <summary>The render itself, on the budget's worker; throws OperationCanceledException once the deadline passed.</summary>
    private RenderedMarkdown RenderWithin(string markdown, RenderDeadline deadline)
    {
        try
        {
            markdown = TrustedHtml.StripPlaceholderCharacters(markdown);
            var document = Markdown.Parse(markdown, _pipeline, new RenderContext(deadline));
            deadline.ThrowIfPast();
            var toc = Headings.AssignAnchors(document);
            var images = SecureLinks(document);
            var plainText = PlainText(document);
            var (cjk, words) = Cjk.Count(plainText);
            var math = MathPass.Run(document, _math, deadline);
            deadline.ThrowIfPast();
            var html = Headings.InsertToc(ToHtml(document), toc);
            deadline.ThrowIfPast();

            return new RenderedMarkdown(
                Html: html,
                TocHtml: Headings.TocHtml(toc),
                PlainText: plainText,
                Excerpt: Excerpts.From(document),
                WordCount: cjk + words,
                ReadingMinutes: Math.Max(1, (int)Math.Ceiling(cjk / CjkPerMinute + words / WordsPerMinute)),
                HasMath: math.HasMath,
                HasCode: document.Descendants<FencedCodeBlock>().Any(b => b is not MathBlock && !string.IsNullOrWhiteSpace(b.Info)),
                FirstImage: images.FirstOrDefault(),
                Error: null)
            {
                MathErrors = math.Errors,
                FirstMathError = math.FirstError,
                MathUnavailable = math.Unavailable,
            };
        }
        catch (Exception e) when (IsTooDeep(e))
        {
            // Markdig refuses input nested 128+ levels deep, while parsing or while writing HTML.
            return Unrendered(markdown, RenderMessages.TooDeep);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A bug of ours or Markdig's must not cost the author the note: keep it as typed.
            _logger?.LogError(e, "Rendering {Length} characters of Markdown failed", markdown.Length);
            return Unrendered(markdown, RenderMessages.Failed);
        }
    }

    private static bool MayHaveMath(string markdown) =>
        markdown.Contains('$') || markdown.Contains("\\(", StringComparison.Ordinal) || markdown.Contains("\\[", StringComparison.Ordinal)
        || markdown.Contains("math", StringComparison.Ordinal) || markdown.Contains("\\begin", StringComparison.Ordinal);

    private static bool IsTooDeep(Exception e) =>
        e is ArgumentException or InvalidOperationException or IndexOutOfRangeException or InsufficientExecutionStackException;

    /// <summary>The note as plain text, readable and searchable, with what to fix.</summary>
    private static RenderedMarkdown Unrendered(string markdown, string error) =>
        RenderedMarkdown.Failed($"<pre class=\"unrendered\">{WebUtility.HtmlEncode(markdown)}</pre>", error);

    /// <summary>
    /// The document as HTML. The author's inline HTML goes through the sanitizer; a note without
    /// any (most) is Markdig's own escaped output and skips it. Trusted fragments are put back last.
    /// </summary>
    private string ToHtml(MarkdownDocument document)
    {
        var sanitize = HasRawHtml(document);
        using var writer = new StringWriter();
        var renderer = new TrustedHtmlRenderer(writer, setAside: sanitize);
        _pipeline.Setup(renderer);
        renderer.Render(document);
        var html = writer.ToString();
        return sanitize ? renderer.PutBack(NoteHtmlSanitizer.Sanitize(html)) : html;
    }

    private static bool HasRawHtml(MarkdownDocument document) =>
        document.Descendants<HtmlBlock>().Any() || document.Descendants<HtmlInline>().Any();

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
