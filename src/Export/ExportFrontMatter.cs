using System.Globalization;
using System.Text;

namespace Blog.Export;

/// <summary>What one post's front matter says; times are UTC.</summary>
internal sealed record ExportedPost(
    string Title,
    string Slug,
    DateTime Date,
    DateTime Updated,
    string? Category,
    IReadOnlyList<string> Tags,
    bool Draft,
    string? Summary,
    string Language,
    bool LanguageChosen);

/// <summary>
/// Writes the YAML front matter the importer reads back (<see cref="Import.FrontMatter"/>).
/// Every text value is double-quoted with escapes, so that a title like <c>YAML: "引号" # 注释</c>
/// comes back exactly; lists are block lists, so a tag with a comma stays one tag.
/// </summary>
internal static class ExportFrontMatter
{
    public static string Write(ExportedPost post, TimeZoneInfo zone)
    {
        var yaml = new StringBuilder("---\n");
        yaml.Append("title: ").Append(Quote(post.Title)).Append('\n');
        yaml.Append("slug: ").Append(Quote(post.Slug)).Append('\n');
        yaml.Append("date: ").Append(Date(post.Date, zone)).Append('\n');
        yaml.Append("updated: ").Append(Date(post.Updated, zone)).Append('\n');
        if (post.Category is not null)
            yaml.Append("categories:\n  - ").Append(Quote(post.Category)).Append('\n');
        if (post.Tags.Count > 0)
        {
            yaml.Append("tags:\n");
            foreach (var tag in post.Tags)
                yaml.Append("  - ").Append(Quote(tag)).Append('\n');
        }
        // Written for published posts too: a note kept in a _drafts/ folder is otherwise read as a draft.
        yaml.Append("draft: ").Append(post.Draft ? "true" : "false").Append('\n');
        if (!string.IsNullOrWhiteSpace(post.Summary))
            yaml.Append("summary: ").Append(Quote(post.Summary)).Append('\n');
        // The script, as Hexo and Jekyll notes declare it; lang_chosen: false hands it back to
        // detection on import, so that a detected language keeps following the text.
        yaml.Append("lang: ").Append(Quote(post.Language)).Append('\n');
        yaml.Append("lang_chosen: ").Append(post.LanguageChosen ? "true" : "false").Append('\n');
        return yaml.Append("---\n").ToString();
    }

    /// <summary>The time in the site's zone with its offset, to the second: 2024-05-10T09:16:24+08:00.</summary>
    public static string Date(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)), zone)
            .ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>A YAML double-quoted scalar: backslash escapes for quotes, backslashes and anything not printable.</summary>
    public static string Quote(string value)
    {
        var quoted = new StringBuilder(value.Length + 2).Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"': quoted.Append("\\\""); break;
                case '\\': quoted.Append("\\\\"); break;
                case '\n': quoted.Append("\\n"); break;
                case '\r': quoted.Append("\\r"); break;
                case '\t': quoted.Append("\\t"); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                        quoted.Append(c).Append(value[++i]); // an emoji, say: printable as it is
                    else if (char.IsControl(c) || char.IsSurrogate(c) || c is '\u2028' or '\u2029' or '\uFEFF')
                        quoted.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    else
                        quoted.Append(c);
                    break;
            }
        }
        return quoted.Append('"').ToString();
    }
}
