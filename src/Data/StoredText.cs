namespace Blog.Data;

/// <summary>
/// The one rule for characters that XML 1.0 cannot carry: the C0 controls other than tab, line
/// feed and carriage return (a page break \f pasted from source code, \v and \x01 from a YAML
/// escape), lone surrogates and U+FFFE/U+FFFF. A post's title and text are saved with each
/// replaced by a visible stand-in: a control by its Control Picture (U+240C ␌ for \f), so code keeps
/// a mark where the character was; anything else by U+FFFD. Feeds and sitemaps apply the same rule
/// to everything they write (site settings, names, rows saved before the rule), so no stored text
/// can make them invalid XML.
/// </summary>
public static class StoredText
{
    private const char Replacement = '\uFFFD';
    private const char ControlPictures = '\u2400';

    /// <summary>The text with every character XML 1.0 forbids replaced; the same string when there is none.</summary>
    public static string Clean(string text)
    {
        var first = FirstForbidden(text);
        if (first < 0)
            return text;
        var chars = text.ToCharArray();
        for (var i = first; i < chars.Length; i++)
        {
            var c = chars[i];
            if (c < ' ' && c is not ('\t' or '\n' or '\r'))
                chars[i] = (char)(ControlPictures + c);
            else if (c is '\uFFFE' or '\uFFFF')
                chars[i] = Replacement;
            else if (char.IsHighSurrogate(c) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]))
                i++; // a pair: one character beyond the BMP
            else if (char.IsSurrogate(c))
                chars[i] = Replacement;
        }
        return new string(chars);
    }

    public static string? CleanOrNull(string? text) => text is null ? null : Clean(text);

    /// <summary>The index of the first character XML 1.0 forbids, or -1.</summary>
    private static int FirstForbidden(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c >= ' ' && c < '\uD800')
                continue;
            if (c < ' ' ? c is not ('\t' or '\n' or '\r') : c is '\uFFFE' or '\uFFFF')
                return i;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                i++;
            else if (char.IsSurrogate(c))
                return i;
        }
        return -1;
    }
}
