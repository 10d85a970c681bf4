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
    // other context is rebuilt by replaying that context's defining formulas in order, so every
    // engine in the pool gives the same output for the same (context, formula).
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
        _engine = new V8ScriptEngine(V8ScriptEngineFlags.DisableGlobalMembers)
        {
            // A formula that blows up memory ends in a script error, not in the process's end.
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

    public void Dispose() => _engine.Dispose();

    /// <summary>Whether the exception says the engine itself is broken (memory, native errors), not the formula.</summary>
    public static bool IsEngineFault(Exception e) => e is ScriptEngineException or ScriptInterruptedException or TargetInvocationException;
}
