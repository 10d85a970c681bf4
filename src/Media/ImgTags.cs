using System.Net;
using System.Text;

namespace Blog.Media;

/// <summary>One <c>&lt;img&gt;</c> start tag: where it is in the HTML and its attributes as a browser reads them.</summary>
internal sealed class ImgTag(int start, int end, List<(string Name, string? Value)> attributes, bool selfClosing)
{
    public int Start { get; } = start;
    public int End { get; } = end;

    public string? Get(string name) => attributes.FirstOrDefault(a => a.Name == name).Value;

    /// <summary>Replaces an attribute where it stands, or adds it at the end; null removes it.</summary>
    public void Set(string name, string? value)
    {
        var at = attributes.FindIndex(a => a.Name == name);
        if (value is null && at >= 0)
            attributes.RemoveAt(at);
        else if (value is not null && at >= 0)
            attributes[at] = (name, value);
        else if (value is not null)
            attributes.Add((name, value));
    }

    public override string ToString()
    {
        var sb = new StringBuilder("<img");
        foreach (var (name, value) in attributes)
        {
            sb.Append(' ').Append(name);
            if (value is not null)
                sb.Append("=\"").Append(WebUtility.HtmlEncode(value)).Append('"');
        }
        return sb.Append(selfClosing ? " />" : ">").ToString();
    }
}

/// <summary>
/// Finds <c>&lt;img&gt;</c> tags in HTML and reads their attributes by the HTML standard's
/// tokenizer rules: whatever quotes or stray characters a tag holds, the attributes found here are
/// the ones a browser finds, so writing them back can never turn text into an attribute (an
/// <c>onmouseover</c> hidden in an alt text stays inside the alt text).
/// </summary>
internal static class ImgTags
{
    public static IEnumerable<ImgTag> In(string html)
    {
        var at = 0;
        while ((at = html.IndexOf("<img", at, StringComparison.OrdinalIgnoreCase)) >= 0)
        {
            var tag = Read(html, at);
            if (tag is null)
            {
                at += 4;
                continue;
            }
            yield return tag;
            at = tag.End;
        }
    }

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\f';

    /// <summary>The tag starting at <paramref name="start"/>, or null when "&lt;img" starts no tag there.</summary>
    private static ImgTag? Read(string html, int start)
    {
        var i = start + 4;
        if (i >= html.Length || !(IsSpace(html[i]) || html[i] is '/' or '>'))
            return null;
        var attributes = new List<(string Name, string? Value)>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        while (i < html.Length)
        {
            while (i < html.Length && (IsSpace(html[i]) || html[i] == '/' && !(i + 1 < html.Length && html[i + 1] == '>')))
                i++;
            if (i >= html.Length)
                return null;
            if (html[i] == '>' || html[i] == '/')
            {
                var selfClosing = html[i] == '/';
                var end = selfClosing ? i + 2 : i + 1;
                return new ImgTag(start, end, attributes, selfClosing);
            }

            var nameStart = i++; // a leading '=' belongs to the name
            while (i < html.Length && !IsSpace(html[i]) && html[i] is not ('/' or '>' or '='))
                i++;
            var name = html[nameStart..i].ToLowerInvariant();
            while (i < html.Length && IsSpace(html[i]))
                i++;
            string? value = null;
            if (i < html.Length && html[i] == '=')
            {
                i++;
                while (i < html.Length && IsSpace(html[i]))
                    i++;
                if (i >= html.Length)
                    return null;
                if (html[i] is '"' or '\'')
                {
                    var close = html.IndexOf(html[i], i + 1);
                    if (close < 0)
                        return null;
                    value = html[(i + 1)..close];
                    i = close + 1;
                }
                else
                {
                    var valueStart = i;
                    while (i < html.Length && !IsSpace(html[i]) && html[i] != '>')
                        i++;
                    value = html[valueStart..i];
                }
                value = WebUtility.HtmlDecode(value);
            }
            // The first of two same-named attributes is the one that counts; a name no attribute
            // can have is noise from broken markup, left out.
            if (names.Add(name) && IsValidName(name))
                attributes.Add((name, value));
        }
        return null;
    }

    private static bool IsValidName(string name) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or ':' or '.');
}
