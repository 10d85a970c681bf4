using System.Buffers;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Blog.Content;
using Blog.Data;
using Blog.Settings;
using Markdig.Syntax;

namespace Blog.Import;

/// <summary>What one note file says, before it meets the database. Times are UTC.</summary>
internal sealed record Note(
    string Key,
    string Title,
    string? Slug,
    string Markdown,
    string? Summary,
    string? Category,
    IReadOnlyList<string> Tags,
    bool Draft,
    DateTime? Date,
    DateTime FileTime,
    DateTime? Updated,
    List<ImportMessage> Warnings,
    string? Language = null);

/// <summary>Turns a note file's bytes into a <see cref="Note"/>, or says plainly why it cannot.</summary>
internal static partial class NoteReader
{
    // The database's column sizes: Post.Title 300, Category.Name and Tag.Name 100.
    internal const int MaxTitleLength = 300, MaxNameLength = 100;

    private static readonly char[] ListCommas = [',', '，', '、'], Blanks = [' ', '\t'];
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <param name="collection">The collection's name (<c>easy-rl/docs</c>): the title of its own README when that has no heading.</param>
    public static Note Read(string key, SourceFile file, SiteSettings settings, MarkdownRenderer renderer, string? collection = null)
    {
        var warnings = new List<ImportMessage>();
        var text = Decode(file.Content);
        if (string.IsNullOrWhiteSpace(text))
            throw new BadNoteException(new("it is empty"));
        if (text.Contains('\0'))
        {
            // SQLite text ends at a NUL: everything after it would be lost without a word.
            text = text.Replace('\0', '\uFFFD');
            warnings.Add(new("it contains NUL characters, kept as \uFFFD"));
        }

        var (frontMatter, body) = FrontMatter.Split(text, warnings);
        body = body.TrimStart('\n');
        var title = frontMatter.Text("title");
        if (title is null)
        {
            // Typora and Obsidian notes carry their title as the opening "# " heading. It becomes
            // the post's title and leaves the body, or the article would show it twice.
            (title, body) = TitleFromHeading(body, renderer) ?? (TitleFromName(key, body, renderer, collection), body);
        }
        // docsify's sidebar markers are not part of a title (nor of its slug).
        title = title.Replace("{docsify-ignore-all}", "").Replace("{docsify-ignore}", "").Trim();

        if (title.Length > MaxTitleLength)
        {
            warnings.Add(new("its title was shortened to {0} characters", MaxTitleLength));
            title = Shorten(title, MaxTitleLength);
        }

        var slug = frontMatter.Text("slug") is { } given ? Slugs.Clean(given) : null;
        // Hexo and Jekyll keep unfinished posts in _drafts/.
        var inDrafts = key.Split('/')[..^1].Contains("_drafts");
        var draft = frontMatter.Flag("draft") ?? (frontMatter.Flag("published") is { } published ? !published : inDrafts);

        var date = ParseDate(frontMatter.Text("date"), "its date \"{0}\" is not a date; the file's last-write time was used instead", settings, warnings);

        return new Note(
            Key: key,
            // As a post keeps them (Data.StoredText), so that what is rendered ahead is what is saved.
            Title: StoredText.Clean(title),
            Slug: string.IsNullOrEmpty(slug) ? null : slug,
            Markdown: StoredText.Clean(body),
            Summary: StoredText.CleanOrNull(frontMatter.Text("summary", "description", "excerpt")),
            Category: (frontMatter.Values("categories").FirstOrDefault() ?? frontMatter.Values("category").FirstOrDefault()) is { } category
                ? Shorten(category, MaxNameLength) : null,
            Tags: Tags(frontMatter),
            Draft: draft,
            Date: date,
            FileTime: settings.ToUtc(file.LastWrite),
            Updated: ParseDate(frontMatter.Text("updated", "lastmod", "last_modified_at"), "its updated \"{0}\" is not a date; it was ignored", settings, warnings),
            Warnings: warnings,
            Language: ChosenLanguage(frontMatter));
    }

    /// <summary>
    /// The script the front matter declares (<c>lang: zh-TW</c> is zh-Hant), as the author's choice;
    /// null leaves it to detection: no <c>lang</c>, one the site does not know, or <c>lang_chosen: false</c>
    /// (an export's detected language).
    /// </summary>
    private static string? ChosenLanguage(FrontMatter frontMatter)
    {
        if (frontMatter.Flag("lang_chosen") == false)
            return null;
        return frontMatter.Text("lang", "language")?.ToLowerInvariant() switch
        {
            "zh-hans" or "zh-cn" or "zh-sg" or "zh-hans-cn" => "zh-Hans",
            "zh-hant" or "zh-tw" or "zh-hk" or "zh-mo" or "zh-hant-tw" or "zh-hant-hk" => "zh-Hant",
            _ => null,
        };
    }

    /// <summary>Cuts text to a length without splitting a surrogate pair.</summary>
    internal static string Shorten(string text, int maxLength) =>
        text.Length <= maxLength ? text : text[..(char.IsHighSurrogate(text[maxLength - 1]) ? maxLength - 1 : maxLength)].TrimEnd();

    private static string Decode(byte[] content)
    {
        if (content is [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..])
            throw new BadNoteException(new("it is UTF-16 text, not UTF-8; save it as UTF-8 and import it again"));
        string text;
        try
        {
            text = StrictUtf8.GetString(content);
        }
        catch (DecoderFallbackException)
        {
            throw new BadNoteException(new("it is not UTF-8 text (the first invalid byte is on line {0}; "
                + "GBK or another legacy encoding?); save it as UTF-8 and import it again", LineOfInvalidByte(content)));
        }
        // A byte-order mark is harmless but would hide the opening "---" of the front matter.
        if (text.StartsWith('\uFEFF'))
            text = text[1..];
        return text.Replace("\r\n", "\n").Replace('\r', '\n');
    }

    private static int LineOfInvalidByte(byte[] content)
    {
        var line = 1;
        for (var i = 0; i < content.Length;)
        {
            if (Rune.DecodeFromUtf8(content.AsSpan(i), out var rune, out var consumed) != OperationStatus.Done)
                break;
            if (rune.Value == '\n')
                line++;
            i += consumed;
        }
        return line;
    }

    /// <summary>
    /// A title for a note without one: its file name, except for a folder's README or index (docsify
    /// and GitHub books keep one per chapter), which takes its first heading of any level (also an
    /// HTML one: <c>&lt;div align="center"&gt;&lt;h1&gt;…</c>), or its folder's name, or the collection's.
    /// </summary>
    private static string TitleFromName(string key, string body, MarkdownRenderer renderer, string? collection)
    {
        var name = Path.GetFileNameWithoutExtension(key);
        if (!name.Equals("readme", StringComparison.OrdinalIgnoreCase) && !name.Equals("index", StringComparison.OrdinalIgnoreCase))
            return name;
        var document = renderer.TryParse(body);
        if (document?.Descendants<HeadingBlock>().Select(h => InlineText.Of(h.Inline)).FirstOrDefault(t => t.Length > 0) is { } heading)
            return heading;
        var htmlHeading = document?.Descendants<HtmlBlock>().Select(b => HtmlHeading().Match(b.Lines.ToString()))
            .Where(m => m.Success).Select(m => WebUtility.HtmlDecode(Tags().Replace(m.Groups[2].Value, "")).Trim()).FirstOrDefault(t => t.Length > 0);
        if (htmlHeading is not null)
            return htmlHeading;
        var segments = key.Split('/');
        // The collection's own README: "easy-rl", not "docs" nor "README".
        return segments.Length > 1 ? segments[^2] : collection?.Split('/')[0] ?? name;
    }

    [GeneratedRegex(@"<h([1-6])\b[^>]*>(.*?)</h\1\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex HtmlHeading();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    /// <summary>The note's first heading, when it is a level-1 heading, and the body without it.</summary>
    private static (string Title, string Body)? TitleFromHeading(string body, MarkdownRenderer renderer)
    {
        // Too long, too complex or nested too deeply to parse: the render step reports it.
        if (renderer.TryParse(body) is not { } document)
            return null;

        if (document.OfType<HeadingBlock>().FirstOrDefault() is not { Level: 1 } heading)
            return null;
        var title = InlineText.Of(heading.Inline);
        if (title.Length == 0)
            return null;
        var lineEnd = body.IndexOf('\n', heading.Span.End);
        var rest = body[..heading.Span.Start] + (lineEnd < 0 ? "" : body[(lineEnd + 1)..]);
        return (title, rest.TrimStart('\n'));
    }

    /// <summary>A list of tags, or one string of them separated by commas (also Chinese ones) or spaces.</summary>
    private static List<string> Tags(FrontMatter frontMatter)
    {
        var tags = frontMatter.Text("tags") is { } single
            ? single.Split(single.AsSpan().IndexOfAny(ListCommas) >= 0 ? ListCommas : Blanks,
                StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList()
            : frontMatter.Values("tags");
        return tags.Select(t => Shorten(t, MaxNameLength)).DistinctBy(t => Slugs.FromTitle(t, "tag")).ToList();
    }

    /// <summary>
    /// "2024-05-10 09:16:24" and "2024-05-10" are the site's local time (as Hexo means them);
    /// "2024-05-10T09:16:24+08:00" carries its own offset.
    /// </summary>
    /// <param name="warning">What to say when the text is not a date: <c>{0}</c> is the text.</param>
    private static DateTime? ParseDate(string? text, string warning, SiteSettings settings, List<ImportMessage> warnings)
    {
        if (text is null)
            return null;
        if (DateTime.TryParse(text, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AllowWhiteSpaces, out var parsed))
            return parsed.Kind == DateTimeKind.Utc ? parsed : settings.ToUtc(parsed);
        warnings.Add(new(warning, text));
        return null;
    }
}
