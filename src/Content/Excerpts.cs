using System.Buffers;
using System.Text;
using Markdig.Extensions.Footnotes;
using Markdig.Extensions.Mathematics;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Blog.Content;

/// <summary>
/// The excerpt shown in lists and feeds: the first ~200 characters of the readable text, then
/// "...". A CJK character counts as one. It is cut only between atoms — a Latin word, a CJK
/// character, a whole inline formula, a whole link text — so it never splits a word, a surrogate
/// pair, a formula or a link. Headings, code blocks, tables, images and display math are left out.
/// </summary>
public static class Excerpts
{
    public const int Length = 200;
    public const string Ellipsis = "...";

    /// <summary>The column's size. Only one enormous word (a pasted hash, say) comes near it, and it is cut there.</summary>
    public const int MaxStored = 2000;

    internal static string From(MarkdownDocument document, int length = Length)
    {
        var atoms = new ExcerptBuilder(length);
        foreach (var block in Leaves(document))
        {
            if (!atoms.AddBlock(block.Inline))
                break;
        }
        var text = atoms.ToString();
        if (text.Length > MaxStored - Ellipsis.Length)
            text = text[..(MaxStored - Ellipsis.Length - (char.IsHighSurrogate(text[MaxStored - Ellipsis.Length - 1]) ? 1 : 0))];
        return text.Length == 0 ? "" : text + Ellipsis;
    }

    /// <summary>Blocks whose text is readable prose, in document order.</summary>
    private static IEnumerable<LeafBlock> Leaves(ContainerBlock container)
    {
        foreach (var block in container)
        {
            switch (block)
            {
                // Headings are left out whole: a run of section titles ("1. 引言 2. 方法") reads badly.
                case Table or FootnoteGroup or MathBlock or CodeBlock or HeadingBlock:
                    continue;
                case ContainerBlock inner:
                    foreach (var leaf in Leaves(inner))
                        yield return leaf;
                    break;
                case LeafBlock { Inline: not null } leaf:
                    yield return leaf;
                    break;
            }
        }
    }

    private sealed class ExcerptBuilder(int limit)
    {
        private readonly StringBuilder _text = new();
        private int _length;
        private bool _pendingSpace;
        private bool _full;
        private bool _endsWithCjk;
        private bool _newBlock;

        /// <summary>Adds a block's text; false once the excerpt is full.</summary>
        public bool AddBlock(ContainerInline? inline)
        {
            Add(inline);
            _newBlock = true;
            return !_full;
        }

        private void Add(Inline? inline)
        {
            if (_full)
                return;
            switch (inline)
            {
                case null or LinkInline { IsImage: true } or FootnoteLink:
                    return;
                case MathInline { DelimiterCount: >= 2 }:
                    return;
                case MathInline math:
                    Atom(Formulas.TexText.Of(math.Content.ToString())); // readable, never TeX, and never cut
                    return;
                case CodeInline code:
                    Atom(code.Content);
                    return;
                case AutolinkInline autolink:
                    Atom(autolink.Url);
                    return;
                case LinkInline link:
                    Atom(InlineText.Of(link));
                    return;
                case LiteralInline literal:
                    Words(literal.Content.ToString());
                    return;
                case HtmlEntityInline entity:
                    Words(entity.Transcoded.ToString());
                    return;
                case LineBreakInline:
                    _pendingSpace = true;
                    return;
                case ContainerInline container:
                    foreach (var child in container)
                        Add(child);
                    return;
            }
        }

        /// <summary>Splits text into atoms: whitespace, single CJK characters and runs of anything else.</summary>
        private void Words(string text)
        {
            var word = new StringBuilder();
            foreach (var rune in text.EnumerateRunes())
            {
                if (Rune.IsWhiteSpace(rune) || Cjk.IsCjk(rune))
                {
                    if (word.Length > 0) { Atom(word.ToString()); word.Clear(); }
                    if (Cjk.IsCjk(rune)) Atom(rune.ToString());
                    else _pendingSpace = true;
                }
                else
                {
                    word.Append(rune.ToString());
                }
            }
            if (word.Length > 0)
                Atom(word.ToString());
        }

        private void Atom(string atom)
        {
            if (_full || atom.Length == 0)
                return;
            // Blocks are always apart; within a block, CJK characters on both sides of a soft break join.
            var space = _text.Length > 0 && (_newBlock || _pendingSpace && !(_endsWithCjk && StartsWithCjk(atom)));
            var length = Cjk.VisibleLength(atom) + (space ? 1 : 0);
            if (_length + length > limit && _length > 0)
            {
                _full = true;
                return;
            }
            if (space)
                _text.Append(' ');
            _text.Append(atom);
            _length += length;
            _pendingSpace = _newBlock = false;
            _endsWithCjk = Rune.DecodeLastFromUtf16(atom, out var last, out _) == OperationStatus.Done && Cjk.IsCjk(last);
            _full = _length >= limit;
        }

        private static bool StartsWithCjk(string atom) =>
            Rune.DecodeFromUtf16(atom, out var rune, out _) == OperationStatus.Done && Cjk.IsCjk(rune);

        public override string ToString() => _text.ToString();
    }

    /// <summary>An author's summary wins over the computed excerpt.</summary>
    public static string Choose(string? summary, string computed) =>
        string.IsNullOrWhiteSpace(summary) ? computed : summary.Trim();
}
