using System.Diagnostics;
using System.Text;
using Blog.Content;
using Blog.Content.Formulas;

namespace Bench;

/// <summary>What server-side typesetting costs: the engine's start, a 300-formula note cold and warm, one edit in it, a huge formula.</summary>
internal static class MathBench
{
    public static int Run()
    {
        var typesetter = new MathTypesetter();
        var renderer = new MarkdownRenderer(math: typesetter);
        var note = Note(300, variant: 0);

        var rssBefore = RssMb();
        var watch = Stopwatch.StartNew();
        typesetter.Start();
        var startMs = watch.Elapsed.TotalMilliseconds;
        var rssStarted = RssMb();
        for (var i = 0; i < 20; i++)
            renderer.Render(Note(5, variant: 90 + i)); // the JIT, not the engine, is what a first render would measure
        watch.Restart();
        var cold = renderer.Render(note);
        var coldMs = watch.Elapsed.TotalMilliseconds;
        Console.WriteLine($"math: engine start {startMs:F0} ms (lazily, with the first note that has math)");
        Console.WriteLine($"math: 300-formula note ({note.Length:N0} characters), first render after the start: {coldMs:F0} ms "
            + $"({coldMs / 300:F2} ms a formula; cold save = start + render = {startMs + coldMs:F0} ms); {cold.MathErrors} refused{(cold.Error is null ? "" : "; " + cold.Error)}");

        var warm = Median(20, () => renderer.Render(note));
        Console.WriteLine($"math: same note again (every formula cached, as a re-import or a preview without change): median {warm:F1} ms");

        // New formulas on a warm engine: what each save of new math costs.
        var fresh = new List<double>();
        for (var v = 1; v <= 5; v++)
        {
            var other = Note(300, variant: v);
            watch.Restart();
            renderer.Render(other);
            fresh.Add(watch.Elapsed.TotalMilliseconds);
        }
        fresh.Sort();
        Console.WriteLine($"math: 300 new formulas on the warm engine: median {fresh[2]:F0} ms, {fresh[2] / 300:F2} ms a formula");

        var at = note.IndexOf("x_{0}", StringComparison.Ordinal);
        var edited = Median(20, () => renderer.Render(string.Concat(note.AsSpan(0, at), "x_{0} + \\epsilon_{" + Random.Shared.Next() + "}", note.AsSpan(at + 5))));
        Console.WriteLine($"math: preview after editing one formula of the 300: median {edited:F1} ms");

        var without = new MarkdownRenderer(math: new MathTypesetter(() => throw new InvalidOperationException("off"), null));
        var plain = Median(20, () => without.Render(note));
        Console.WriteLine($"math: the same note with formulas left as source (no engine): median {plain:F1} ms (the rest of the pipeline)");

        var huge = "$" + string.Join(" + ", Enumerable.Range(0, 1_400).Select(i => $"x_{{{i}}}^2")) + "$";
        watch.Restart();
        var hugeResult = renderer.Render(huge);
        Console.WriteLine($"math: one formula of {huge.Length - 2:N0} characters (near the {MathTypesetter.MaxFormulaLength:N0} limit): {watch.Elapsed.TotalMilliseconds:F0} ms, "
            + (hugeResult.Error ?? (hugeResult.MathErrors == 0 ? "typeset" : "refused")));
        Console.WriteLine($"math: typesetter made {typesetter.EngineRuns:N0} engine calls in all");
        var rssAfter = RssMb();
        typesetter.ReleaseMemory();
        Console.WriteLine($"math: process RSS {rssBefore} MB before the engine, {rssStarted} MB started, {rssAfter} MB after all the above, {RssMb()} MB after V8's garbage collection");
        return 0;
    }

    /// <summary>A note of <paramref name="formulas"/> distinct formulas, a fifth of them display ones; <paramref name="variant"/> makes them new.</summary>
    public static string Note(int formulas, int variant)
    {
        var sb = new StringBuilder("## 推导\n\n");
        for (var i = 0; i < formulas; i++)
        {
            var n = i + variant * 1000;
            if (i % 5 == 4)
                sb.Append($"$$\n\\mathcal{{L}}_{{{n}}}(\\theta) = -\\sum_{{t=1}}^{{T}} \\log p_\\theta(y_t \\mid y_{{<t}}, x) + \\lambda \\lVert \\theta \\rVert_2^2\n$$\n\n");
            else
                sb.Append($"第 {n} 步的更新 $x_{{{n}}} = \\sqrt{{\\bar\\alpha_{{{n}}}}}x_{{0}} + \\frac{{\\beta_{{{n}}}}}{{1-\\beta}}\\epsilon$ 成立。\n\n");
        }
        return sb.ToString();
    }

    private static long RssMb() =>
        File.ReadLines("/proc/self/status").Where(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
            .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024).FirstOrDefault();

    private static double Median(int runs, Func<RenderedMarkdown> render)
    {
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            if (render().Error is { } error)
                throw new InvalidOperationException(error);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return times[times.Count / 2];
    }
}
