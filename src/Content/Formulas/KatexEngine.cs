using System.Reflection;
using Microsoft.ClearScript;
using Microsoft.ClearScript.V8;

namespace Blog.Content.Formulas;

/// <summary>What KaTeX made of one formula: its HTML + MathML, or why it could not.</summary>
internal readonly record struct Typeset(string? Html, string? Error)
{
    public bool Failed => Error is not null;
}

/// <summary>
/// One V8 engine running the site's vendored <c>katex.min.js</c> (embedded in the assembly, so
/// the server typesets with exactly the KaTeX the pages used to load). Not thread-safe: the
/// <see cref="MathTypesetter"/> lends each engine to one render at a time.
/// </summary>
internal sealed class KatexEngine : IDisposable
{
    // A note's macros live in one object that KaTeX mutates (globalGroup: \def and \newcommand
    // persist across calls). The engine keeps the object of the note context it saw last; any
    // other context is rebuilt by replaying that context's defining formulas in order, so the
    // output for a (context, formula) never depends on which note the engine typeset before.
    private const string Glue = """
        var blogContext = "", blogMacros = {};
        function blogOptions(display, macros) {
          return { displayMode: display, macros: macros, globalGroup: true, throwOnError: true,
                   trust: false, strict: "ignore", output: "htmlAndMathml", maxSize: 20, maxExpand: 1000 };
        }
        function blogTypeset(context, definitions, after, tex, display) {
          var macros;
          if (context === "") {
            macros = {};
          } else {
            if (context !== blogContext) {
              blogMacros = {};
              var replay = JSON.parse(definitions);
              for (var i = 0; i < replay.length; i++) {
                try { katex.renderToString(replay[i][0], blogOptions(replay[i][1], blogMacros)); } catch (e) { }
              }
              blogContext = context;
            }
            macros = blogMacros;
          }
          var result;
          try {
            result = "1" + katex.renderToString(tex, blogOptions(display, macros));
          } catch (e) {
            result = "0" + (e && e.message ? e.message : String(e));
          }
          if (after !== "") { blogMacros = macros; blogContext = after; }
          return result;
        }
        """;

    private static readonly Lazy<string> Script = new(() =>
    {
        using var stream = typeof(KatexEngine).Assembly.GetManifestResourceStream("Blog.Content.katex.min.js")
            ?? throw new InvalidOperationException("katex.min.js is not embedded in the assembly.");
        return new StreamReader(stream).ReadToEnd();
    });

    private readonly V8ScriptEngine _engine;

    /// <summary>Starts V8 and loads KaTeX; throws when the native engine or the script cannot be loaded.</summary>
    public KatexEngine()
    {
        // KaTeX needs little of V8's heap; V8's defaults, sized for browsers, let it grow to tens of
        // megabytes of garbage between collections in a server that also keeps every page in memory.
        // The old space's hard limit stays above the soft one: a formula that blows up memory ends
        // in a script error at the soft limit, not in V8 ending the process at the hard one.
        _engine = new V8ScriptEngine(new V8RuntimeConstraints { MaxNewSpaceSize = 8, MaxOldSpaceSize = 384 }, V8ScriptEngineFlags.DisableGlobalMembers)
        {
            MaxRuntimeHeapSize = (UIntPtr)(256 * 1024 * 1024),
        };
        try
        {
            _engine.Execute("katex.min.js", Script.Value);
            _engine.Execute("blog-typeset.js", Glue);
        }
        catch
        {
            _engine.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Typesets one formula within a note context (<paramref name="context"/> names the macros
    /// defined so far, <paramref name="definitions"/> is their formulas as a JSON array, and
    /// <paramref name="after"/> the context this formula starts, or "" when it defines nothing).
    /// </summary>
    public Typeset Run(string context, string definitions, string after, string tex, bool display)
    {
        var answer = (string)_engine.Invoke("blogTypeset", context, definitions, after, tex, display);
        return answer[0] == '1' ? new Typeset(answer[1..], null) : new Typeset(null, answer[1..]);
    }

    /// <summary>Gives V8's garbage back after a burst of typesetting (a re-render of every post).</summary>
    public void CollectGarbage() => _engine.CollectGarbage(exhaustive: true);

    /// <summary>Bytes of memory V8's heap holds (its garbage included).</summary>
    public long HeapBytes => (long)_engine.GetRuntimeHeapInfo().TotalPhysicalSize;

    public void Dispose() => _engine.Dispose();

    /// <summary>Whether the exception says the engine itself is broken (memory, native errors), not the formula.</summary>
    public static bool IsEngineFault(Exception e) => e is ScriptEngineException or ScriptInterruptedException or TargetInvocationException;
}
