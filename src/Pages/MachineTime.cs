using System.Globalization;

namespace Blog.Pages;

/// <summary>Times for <c>&lt;time datetime&gt;</c>: HTML allows at most three digits of a second's fraction, so none.</summary>
public static class MachineTime
{
    public static string Of(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
