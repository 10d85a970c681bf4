using System.Diagnostics;
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
    /// <summary>
    /// How long one note's formulas may keep the engine. Typesetting time extends the render's
    /// deadline (it is not Markdig's, whose slow inputs the deadline is for), up to this; formulas
    /// past it are shown as their source, and the next save goes on from there (the ones done are cached).
    /// </summary>
    public static readonly TimeSpan Allowance = TimeSpan.FromSeconds(20);

    private static readonly TimeSpan WorstCase = TimeSpan.FromSeconds(5);

    private TimeSpan _spent;
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
        if (_spent > Allowance)
            return Refused(new Typeset(null, $"This formula was not typeset: the note's formulas took more than {Allowance.TotalSeconds:0} s. Save again to typeset the rest."));
        var defines = Defines().IsMatch(tex);
        var after = defines ? Digest(_context + (display ? "\n1" : "\n0") + tex) : "";
        // The render's caller waits while the deadline stands: move it past this formula's worst case
        // before, and back to what it really took after.
        var started = Stopwatch.GetTimestamp();
        deadline?.Extend(WorstCase);
        var result = typesetter.Typeset(_context, _definitionsJson, after, tex, display, deadline);
        var took = Stopwatch.GetElapsedTime(started);
        _spent += took;
        deadline?.Extend(took - WorstCase);
        if (result.Failed && Unavailable is null)
            Refused(result);
        if (defines)
        {
            _definitions.Add((tex, display));
            _definitionsJson = JsonSerializer.Serialize(_definitions.Select(d => new object[] { d.Tex, d.Display }));
            _context = after;
        }
        return result;
    }

    private Typeset Refused(Typeset result)
    {
        if (Errors++ == 0)
            FirstError = result.Error;
        return result;
    }

    private static string Digest(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0, 16);

    // KaTeX's commands that change macros for later formulas (with globalGroup).
    [GeneratedRegex(@"\\(?:[gex]?def|let|futurelet|global|newcommand|renewcommand|providecommand)(?![A-Za-z])")]
    private static partial Regex Defines();
}
