using Markdig;
using Markdig.Extensions.Mathematics;
using Markdig.Extensions.Tables;
using Markdig.Parsers;
using Markdig.Parsers.Inlines;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace Blog.Content;

/// <summary>
/// Our additions to Markdig: math as note writers delimit it, math and table output, render
/// checkpoints. Add after the built-in extensions (it replaces UseMathematics' parsers).
/// </summary>
internal sealed class StudyNotesExtension : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        if (!pipeline.InlineParsers.Contains<LatexDelimiterParser>())
            pipeline.InlineParsers.InsertBefore<EscapeInlineParser>(new LatexDelimiterParser());
        if (!pipeline.InlineParsers.Contains<DollarMathParser>())
        {
            pipeline.InlineParsers.RemoveAll(p => p is MathInlineParser);
            pipeline.InlineParsers.InsertBefore<EscapeInlineParser>(new DollarMathParser());
        }
        if (!pipeline.BlockParsers.Contains<DisplayMathBlockParser>())
        {
            pipeline.BlockParsers.RemoveAll(p => p is MathBlockParser);
            pipeline.BlockParsers.InsertBefore<ParagraphBlockParser>(new DisplayMathBlockParser());
        }
        if (!pipeline.BlockParsers.Contains<NoteHtmlBlockParser>())
            pipeline.BlockParsers.Replace<HtmlBlockParser>(new NoteHtmlBlockParser());
        if (!pipeline.InlineParsers.Contains<CalloutParser>())
            pipeline.InlineParsers.InsertBefore<LinkInlineParser>(new CalloutParser());
        pipeline.DocumentProcessed -= MathFences;
        pipeline.DocumentProcessed += MathFences;
        pipeline.DocumentProcessed -= LenientStrong.Apply;
        pipeline.DocumentProcessed += LenientStrong.Apply;
        RenderCheckpoints.AddTo(pipeline);
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        if (renderer is not HtmlRenderer html)
            return;
        html.ObjectRenderers.Replace<HtmlMathInlineRenderer>(new Formulas.MathInlineRenderer());
        html.ObjectRenderers.Replace<HtmlMathBlockRenderer>(new Formulas.MathBlockRenderer());
        html.ObjectRenderers.Replace<HtmlTableRenderer>(new ScrollingTableRenderer());
        if (!html.ObjectRenderers.Contains<CalloutTitleRenderer>())
            html.ObjectRenderers.Add(new CalloutTitleRenderer());
    }

    /// <summary>GitHub's <c>```math</c> fences are display math, not code.</summary>
    private static void MathFences(MarkdownDocument document)
    {
        foreach (var fence in document.Descendants<FencedCodeBlock>().Where(IsMathFence).ToList())
        {
            var math = new MathBlock(null!) // made after parsing: no parser will see it
            {
                Line = fence.Line,
                Column = fence.Column,
                Span = fence.Span,
                FencedChar = '$',
                OpeningFencedCharCount = 2,
                ClosingFencedCharCount = 2,
                Lines = fence.Lines,
            };
            math.GetAttributes().AddClass("math");
            var parent = fence.Parent!;
            var index = parent.IndexOf(fence);
            parent.RemoveAt(index);
            parent.Insert(index, math);
        }
    }

    private static bool IsMathFence(FencedCodeBlock block) =>
        block is not MathBlock && string.Equals(block.Info, "math", StringComparison.OrdinalIgnoreCase);
}
