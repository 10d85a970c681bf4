using System.Text;
using Markdig.Renderers;

namespace Blog.Content;

/// <summary>
/// HTML that the pipeline itself generates (typeset math, highlighted code) and that must reach the
/// page exactly as written: the sanitizer that cleans the author's inline HTML would mangle it, and
/// is slow on it. A renderer hands such a fragment to <see cref="Write"/>; the fragment is set aside,
/// a placeholder goes through sanitizing in its place, and the fragment is put back afterwards.
/// Placeholders are made of Unicode noncharacters (U+FDD0..U+FDEF), which are taken out of every
/// note before it is parsed, so an author can never write one.
/// </summary>
public static class TrustedHtml
{
    internal const char Open = '\uFDD0', Close = '\uFDD1';

    /// <summary>Writes <paramref name="html"/> to the page as it is, past the sanitizer.</summary>
    public static void Write(HtmlRenderer renderer, string html)
    {
        if (renderer is TrustedHtmlRenderer trusted)
            renderer.Write(trusted.SetAside(html));
        else
            renderer.Write(html);
    }

    /// <summary>The text with every noncharacter of the placeholder range replaced by U+FFFD.</summary>
    internal static string StripPlaceholderCharacters(string text)
    {
        if (text.AsSpan().IndexOfAnyInRange('\uFDD0', '\uFDEF') < 0)
            return text;
        var sb = new StringBuilder(text);
        for (var i = 0; i < sb.Length; i++)
        {
            if (sb[i] is >= '\uFDD0' and <= '\uFDEF')
                sb[i] = '\uFFFD';
        }
        return sb.ToString();
    }
}

/// <summary>
/// The HTML renderer of one render: it keeps the trusted fragments that <see cref="TrustedHtml.Write"/> set aside.
/// Without a sanitizer to pass (<paramref name="setAside"/> false: a note without inline HTML, most
/// of them) they are written in place: the page is not copied once more to put them back.
/// </summary>
internal sealed class TrustedHtmlRenderer(TextWriter writer, bool setAside = true) : HtmlRenderer(writer)
{
    private readonly List<string> _fragments = [];

    public bool HasFragments => _fragments.Count > 0;

    public string SetAside(string html)
    {
        if (!setAside)
            return html;
        _fragments.Add(html);
        return $"{TrustedHtml.Open}{_fragments.Count - 1}{TrustedHtml.Close}";
    }

    /// <summary>Puts the fragments back in place of their placeholders (a placeholder the sanitizer dropped drops its fragment).</summary>
    public string PutBack(string html)
    {
        if (_fragments.Count == 0)
            return html;
        var sb = new StringBuilder(html.Length + _fragments.Sum(f => f.Length));
        var at = 0;
        while (at < html.Length)
        {
            var open = html.IndexOf(TrustedHtml.Open, at);
            var close = open < 0 ? -1 : html.IndexOf(TrustedHtml.Close, open);
            if (close < 0)
            {
                sb.Append(html, at, html.Length - at);
                break;
            }
            sb.Append(html, at, open - at);
            if (int.TryParse(html.AsSpan(open + 1, close - open - 1), out var index) && index >= 0 && index < _fragments.Count)
                sb.Append(_fragments[index]);
            at = close + 1;
        }
        return sb.ToString();
    }
}
