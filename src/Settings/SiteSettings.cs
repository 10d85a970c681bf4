namespace Blog.Settings;

/// <summary>Settings the author changes in the admin panel, stored in the database.</summary>
public sealed record SiteSettings
{
    public string Title { get; init; } = "Blog";
    public string Description { get; init; } = "学习笔记：大模型、生成模型与 Python。";
    public string HeroText { get; init; } = "INCOMING TRANSMISSION";
    public string LatestHeading { get; init; } = "LATEST UPDATES";
    public string Author { get; init; } = "Author";
    public string Language { get; init; } = "zh-CN";
    public string TimeZone { get; init; } = "UTC";
    public int PostsPerPage { get; init; } = 10;
    public int FeedLength { get; init; } = 20;
    public long UploadLimitBytes { get; init; } = 10 * 1024 * 1024;

    public TimeZoneInfo TimeZoneInfo =>
        TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;

    /// <summary>A UTC time as the site's readers see it.</summary>
    public DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), TimeZoneInfo);

    /// <summary>A time written in the site's zone (front matter, the editor) as UTC.</summary>
    public DateTime ToUtc(DateTime local) => local.Kind == DateTimeKind.Utc
        ? local
        : TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), TimeZoneInfo);
}
