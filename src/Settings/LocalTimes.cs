using System.Globalization;

namespace Blog.Settings;

public static class LocalTimes
{
    // What <input type="datetime-local"> submits (seconds only with step="1"), and the same
    // with a space, as someone typing it by hand would.
    private static readonly string[] Formats =
    [
        "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFFFFFF",
        "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss",
    ];

    /// <summary>Parses a wall-clock time in the site's zone; the result has no kind, for <see cref="SiteSettings.ToUtc"/>.</summary>
    public static bool TryParse(string? text, out DateTime local) =>
        DateTime.TryParseExact(text?.Trim(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out local);
}
