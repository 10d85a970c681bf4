using System.Globalization;
using System.Text;

namespace Blog.Content;

/// <summary>Character classes that matter for Chinese, Japanese and Korean text.</summary>
internal static class Cjk
{
    /// <summary>True for a character (as a code point) written without spaces between words.</summary>
    public static bool IsCjk(int codePoint) => codePoint switch
    {
        >= 0x2E80 and <= 0x2FDF => true,   // radicals
        >= 0x3000 and <= 0x303F => true,   // CJK punctuation
        >= 0x3040 and <= 0x30FF => true,   // kana
        >= 0x3100 and <= 0x31FF => true,   // bopomofo, kanbun, strokes
        >= 0x3400 and <= 0x4DBF => true,   // extension A
        >= 0x4E00 and <= 0x9FFF => true,   // unified ideographs
        >= 0xAC00 and <= 0xD7AF => true,   // hangul syllables
        >= 0xF900 and <= 0xFAFF => true,   // compatibility ideographs
        >= 0xFE30 and <= 0xFE4F => true,   // compatibility forms
        >= 0xFF00 and <= 0xFFEF => true,   // full-width forms and punctuation
        >= 0x20000 and <= 0x3FFFF => true, // extensions B and later
        _ => false,
    };

    public static bool IsCjk(Rune rune) => IsCjk(rune.Value);

    /// <summary>Counts CJK characters (one each) and runs of other non-space text (one word each).</summary>
    public static (int CjkCharacters, int Words) Count(string text)
    {
        int cjk = 0, words = 0;
        var inWord = false;
        foreach (var rune in text.EnumerateRunes())
        {
            if (IsCjk(rune))
            {
                cjk++;
                inWord = false;
            }
            else if (Rune.IsWhiteSpace(rune) || Rune.IsPunctuation(rune) && rune.Value < 0x80 && rune.Value != '_')
            {
                inWord = false;
            }
            else if (!inWord)
            {
                words++;
                inWord = true;
            }
        }
        return (cjk, words);
    }

    /// <summary>Length in text elements, so that a surrogate pair or an emoji counts as one.</summary>
    public static int VisibleLength(string text) => new StringInfo(text).LengthInTextElements;
}
