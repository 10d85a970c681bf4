using Markdig;
using Markdig.Helpers;
using Markdig.Parsers;

namespace Blog.Content;

/// <summary>The parser context of one render: its deadline, which the checkpoints read.</summary>
internal sealed class RenderContext(RenderDeadline deadline) : MarkdownParserContext
{
    public static void Check(MarkdownParserContext? context) => (context as RenderContext)?.Deadline.ThrowIfPast();

    private RenderDeadline Deadline { get; } = deadline;
}

/// <summary>
/// Where a render gives up once its deadline passed. Markdig has no cancellation, and its slow
/// inputs are long runs of brackets, delimiters, table pipes and nested list or quote markers: these
/// parsers run first at each such character (and each line) and throw when the deadline passed, so
/// an abandoned render stops within a link's scan instead of running on for minutes. They only look:
/// they match nothing, and they use characters other parsers already open on, so literal text is
/// split exactly as before.
/// </summary>
internal static class RenderCheckpoints
{
    public static void AddTo(MarkdownPipelineBuilder pipeline)
    {
        if (!pipeline.InlineParsers.Contains<InlineCheckpoint>())
            pipeline.InlineParsers.Insert(0, new InlineCheckpoint());
        if (!pipeline.BlockParsers.Contains<BlockCheckpoint>())
            pipeline.BlockParsers.Insert(0, new BlockCheckpoint());
    }

    private sealed class InlineCheckpoint : InlineParser
    {
        public InlineCheckpoint() => OpeningCharacters = ['[', ']', '!', '*', '_', '~', '|', '<', '`', '$', '\\', '\n'];

        public override bool Match(InlineProcessor processor, ref StringSlice slice)
        {
            RenderContext.Check(processor.Context);
            return false;
        }
    }

    private sealed class BlockCheckpoint : BlockParser
    {
        public BlockCheckpoint() => OpeningCharacters = ['-', '*', '+', '>', '#', '`', '~', '$', '[', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

        public override BlockState TryOpen(BlockProcessor processor)
        {
            RenderContext.Check(processor.Context);
            return BlockState.None;
        }
    }
}
