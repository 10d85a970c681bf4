using Markdig;
using Markdig.Extensions.Mathematics;
using Markdig.Extensions.Tables;
using Markdig.Parsers.Inlines;
using Markdig.Renderers;

namespace Blog.Content;

/// <summary>Our additions to Markdig: LaTeX delimiters, math and table output, render checkpoints. Add after the built-in extensions.</summary>
internal sealed class StudyNotesExtension : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        if (!pipeline.InlineParsers.Contains<LatexDelimiterParser>())
            pipeline.InlineParsers.InsertBefore<EscapeInlineParser>(new LatexDelimiterParser());
        RenderCheckpoints.AddTo(pipeline);
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        if (renderer is not HtmlRenderer html)
            return;
        html.ObjectRenderers.Replace<HtmlMathInlineRenderer>(new Formulas.MathInlineRenderer());
        html.ObjectRenderers.Replace<HtmlMathBlockRenderer>(new Formulas.MathBlockRenderer());
        html.ObjectRenderers.Replace<HtmlTableRenderer>(new ScrollingTableRenderer());
    }
}
