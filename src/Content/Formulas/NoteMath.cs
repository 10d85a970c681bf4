using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Blog.Content.Formulas;

/// <summary>
/// One note's formulas, typeset in the note's order: a <c>\newcommand</c> or <c>\def</c> applies
/// to the note's later formulas and to no other note. The note's context is named by a digest of
/// the defining formulas so far, which is part of each formula's cache key.
/// </summary>
internal sealed partial class NoteMath(MathTypesetter typesetter, RenderDeadline? deadline)
{
    private readonly List<(string Tex, bool Display)> _definitions = [];
    private string _context = "";
    private string _definitionsJson = "[]";

    /// <summary>Formulas KaTeX could not typeset (the author's to fix).</summary>
    public int Errors { get; private set; }

    /// <summary>KaTeX's message about the first of them.</summary>
    public string? FirstError { get; private set; }

    /// <summary>Why no formula could be typeset (the engine did not start), or null.</summary>
    public string? Unavailable => typesetter.Unavailable;

    public Typeset Typeset(string tex, bool display)
    {
        deadline?.ThrowIfPast();
        var defines = Defines().IsMatch(tex);
        var after = defines ? Digest(_context + (display ? "\n1" : "\n0") + tex) : "";
        var result = typesetter.Typeset(_context, _definitionsJson, after, tex, display, deadline);
        if (result.Failed && Unavailable is null && Errors++ == 0)
            FirstError = result.Error;
        if (defines)
        {
            _definitions.Add((tex, display));
            _definitionsJson = JsonSerializer.Serialize(_definitions.Select(d => new object[] { d.Tex, d.Display }));
            _context = after;
        }
        return result;
    }

    private static string Digest(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0, 16);

    // KaTeX's commands that change macros for later formulas (with globalGroup).
    [GeneratedRegex(@"\\(?:[gex]?def|let|futurelet|global|newcommand|renewcommand|providecommand)(?![A-Za-z])")]
    private static partial Regex Defines();
}
