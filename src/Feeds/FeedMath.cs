using System.Text;

namespace Blog.Feeds;

/// <summary>
/// Formulas as feed readers can show them: the stored HTML carries KaTeX's HTML (which needs
/// KaTeX's stylesheet, which no reader has) beside MathML; a feed entry keeps the MathML alone,
/// without the TeX annotation, and a formula KaTeX refused as its source in <c>&lt;code&gt;</c>.
/// </summary>
internal static class FeedMath
{
    private const string AnnotationStart = "<annotation encoding=\"application/x-tex\">";

    public static string ToMathMl(string html)
    {
        if (!html.Contains(" class=\"math", StringComparison.Ordinal))
            return html;
        var sb = new StringBuilder(html.Length);
        var at = 0;
        while (true)
        {
            var start = NextFormula(html, at, out var tag);
            if (start < 0)
                break;
            var end = EndOf(html, start, tag);
            if (end < 0)
                break;
            sb.Append(html, at, start - at);
            sb.Append(Replacement(html.AsSpan(start, end - start)));
            at = end;
        }
        return sb.Append(html, at, html.Length - at).ToString();
    }

    /// <summary>Where the next formula's wrapper (<c>&lt;span class="math…"&gt;</c> or a div) starts.</summary>
    private static int NextFormula(string html, int from, out string tag)
    {
        var span = html.IndexOf("<span class=\"math", from, StringComparison.Ordinal);
        var div = html.IndexOf("<div class=\"math", from, StringComparison.Ordinal);
        tag = div >= 0 && (span < 0 || div < span) ? "div" : "span";
        return tag == "div" ? div : span;
    }

    /// <summary>The end of the wrapper's element. KaTeX's output nests spans, never divs, and escapes every '&lt;' of text.</summary>
    private static int EndOf(string html, int start, string tag)
    {
        var open = "<" + tag;
        var close = "</" + tag + ">";
        var depth = 0;
        var at = start;
        while (true)
        {
            var nextOpen = html.IndexOf(open, at, StringComparison.Ordinal);
            var nextClose = html.IndexOf(close, at, StringComparison.Ordinal);
            if (nextClose < 0)
                return -1;
            if (nextOpen >= 0 && nextOpen < nextClose)
            {
                depth++;
                at = nextOpen + open.Length;
                continue;
            }
            depth--;
            at = nextClose + close.Length;
            if (depth == 0)
                return at;
        }
    }

    private static string Replacement(ReadOnlySpan<char> formula)
    {
        var mathStart = formula.IndexOf("<math", StringComparison.Ordinal);
        var mathEnd = formula.IndexOf("</math>", StringComparison.Ordinal);
        if (mathStart >= 0 && mathEnd > mathStart)
        {
            var math = formula[mathStart..(mathEnd + "</math>".Length)].ToString();
            var annotation = math.IndexOf(AnnotationStart, StringComparison.Ordinal);
            var annotationEnd = math.IndexOf("</annotation>", StringComparison.Ordinal);
            return annotation >= 0 && annotationEnd > annotation
                ? string.Concat(math.AsSpan(0, annotation), math.AsSpan(annotationEnd + "</annotation>".Length))
                : math;
        }
        // A refused formula (or one the engine could not typeset): its source, as code.
        var codeStart = formula.IndexOf("<code>", StringComparison.Ordinal);
        var codeEnd = formula.IndexOf("</code>", StringComparison.Ordinal);
        return codeStart >= 0 && codeEnd > codeStart ? formula[codeStart..(codeEnd + "</code>".Length)].ToString() : "";
    }
}
