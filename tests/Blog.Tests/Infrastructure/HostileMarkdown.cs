using System.Net;
using System.Text;
using Blog.Content;

namespace Blog.Tests.Infrastructure;

/// <summary>
/// Documents that make Markdown parsers slow or deep, found by fuzzing: by name, so that test
/// names stay short while the documents run to megabytes.
/// </summary>
public static class HostileMarkdown
{
    private static string Repeat(string text, int times) => new StringBuilder(text.Length * times).Insert(0, text, times).ToString();

    private static string Table(int columns) =>
        "|" + Repeat("a|", columns) + "\n|" + Repeat("-|", columns) + "\n|" + Repeat("1|", columns) + "\n";

    private static readonly Dictionary<string, Func<string>> Documents = new()
    {
        ["100,000 × [a]("] = () => Repeat("[a](", 100_000),
        ["100,000 × ![a]("] = () => Repeat("![a](", 100_000),
        ["100,000 × ["] = () => Repeat("[", 100_000),
        ["100,000 × - (nested list)"] = () => Repeat("- ", 100_000),
        ["100,000 × *a"] = () => Repeat("*a ", 100_000),
        ["100,000 × ~~a"] = () => Repeat("~~a ", 100_000),
        ["100,000-level >"] = () => Repeat(">", 100_000) + " 太深了",
        ["100,000 × \\("] = () => Repeat("\\(x ", 100_000),
        ["10 MB of text"] = () => Repeat("注意力机制 attention is a weighted average of the values, with weights from queries and keys.\n\n", 10_000_000 / 90),
        ["5,000-column table"] = () => Table(5_000),
        ["100,000-column table"] = () => Table(100_000),
        ["unclosed code fence"] = () => "正文\n\n```python\n" + Repeat("x = [i for i in range(10)]\n", 20_000),
        ["unclosed math"] = () => "公式 $$\n" + Repeat("\\frac{a}{b} + ", 20_000) + "\n\n$x + \\(y",
        ["NUL bytes"] = () => Repeat("a\0b\0 注意\uFFFD ", 50_000),
    };

    public static string Get(string name) => Documents[name]();

    public static TheoryData<string> Names => [.. Documents.Keys];

    /// <summary>The ones a browser can post in a form: ASP.NET Core refuses a NUL (%00) in any form value.</summary>
    public static TheoryData<string> FormNames => [.. Documents.Keys.Where(name => name != "NUL bytes")];

    /// <summary>The ones that cannot render in time (or at all) on any machine: their answer is the message.</summary>
    public static readonly string[] NeverRendered = ["100,000 × [a](", "100,000 × ![a](", "10 MB of text", "100,000-level >"];

    /// <summary>
    /// Random documents from Markdown's special characters, text and broken UTF-16, reproducible by seed.
    /// </summary>
    public static string Random(int seed, int length)
    {
        string[] text = ["注意力", "attention", " ", "the ", "是", "softmax", ", "];
        string[] tokens =
        [
            .. text, .. text, .. text, .. text,
            "[", "]", "(", ")", "](", "![", "*", "**", "_", "~~", "`", "```", "$", "$$", "\\(", "\\)", "\\[", "\\]",
            "|", "> ", "- ", "1. ", "# ", "\n", "\n\n", "    ", "<", ">", "&", "&#0;", "\\", "^", "[^1]", ":",
            "http://", "javascript:", "<script>", "注意力", "attention", " ", "\0", "\uD800", "\uFFFF", "\t", "---\n",
        ];
        var random = new Random(seed);
        var sb = new StringBuilder(length + 16);
        while (sb.Length < length)
            sb.Append(tokens[random.Next(tokens.Length)]);
        return sb.ToString();
    }

    /// <summary>An unrendered note shows the text as typed, escaped, and says so.</summary>
    public static void AssertKeptAsTyped(string markdown, RenderedMarkdown result)
    {
        Assert.Contains("The text is saved as typed", result.Error);
        AssertShowsAsTyped(markdown, result.Html);
    }

    public static void AssertShowsAsTyped(string markdown, string html)
    {
        const string open = "<pre class=\"unrendered\">", close = "</pre>";
        Assert.StartsWith(open, html);
        // Lone surrogates are not text (a browser or a UTF-8 file cannot carry them): they come back as U+FFFD.
        var keepable = Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(markdown));
        Assert.Equal(keepable, WebUtility.HtmlDecode(html[open.Length..^close.Length]));
    }
}
