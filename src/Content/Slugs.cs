using System.Globalization;
using System.Text;

namespace Blog.Content;

/// <summary>URL slugs and heading anchors that keep CJK text readable instead of dropping it.</summary>
public static class Slugs
{
    private const int MaxLength = 80;

    /// <summary>A slug made from a title: letters and digits of any script, joined by hyphens.</summary>
    public static string FromTitle(string title, string fallback = "post")
    {
        var slug = Normalize(title, lowercase: true);
        return slug.Length == 0 ? fallback : slug;
    }

    /// <summary>
    /// A slug the author gave (front matter, editor): used as given, except for characters that
    /// cannot live in one path segment (slashes, query and fragment marks, spaces, controls).
    /// </summary>
    public static string Clean(string slug)
    {
        var sb = new StringBuilder(slug.Length);
        foreach (var rune in slug.Trim().EnumerateRunes())
        {
            var keep = !(Rune.IsWhiteSpace(rune) || Rune.IsControl(rune) || rune.Value is '/' or '\\' or '?' or '#' or '%');
            if (keep)
                sb.Append(rune.ToString());
            else if (sb.Length > 0 && sb[^1] != '-')
                sb.Append('-');
        }
        return Truncate(sb.ToString().Trim('-'), 200);
    }

    internal static string Normalize(string text, bool lowercase)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var rune in text.Normalize(NormalizationForm.FormKC).EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            var isWordChar = Rune.IsLetterOrDigit(rune) || rune.Value == '_'
                || category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
            if (isWordChar)
                sb.Append((lowercase ? Rune.ToLowerInvariant(rune) : rune).ToString());
            else if (sb.Length > 0 && sb[^1] != '-')
                sb.Append('-');
        }
        return Truncate(sb.ToString().Trim('-'), MaxLength);
    }

    private static string Truncate(string slug, int maxLength)
    {
        if (slug.Length <= maxLength)
            return slug;
        // Cut at a hyphen when there is one near the end, never inside a surrogate pair.
        var cut = slug.LastIndexOf('-', maxLength);
        if (cut < maxLength / 2)
            cut = char.IsLowSurrogate(slug[maxLength]) ? maxLength - 1 : maxLength;
        return slug[..cut].Trim('-');
    }
}
