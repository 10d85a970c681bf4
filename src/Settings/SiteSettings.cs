namespace Blog.Settings;

/// <summary>Settings the author changes in the admin panel, stored in the database.</summary>
public sealed record SiteSettings
{
    /// <summary>The site's name as the author gave it; empty until then (see <see cref="Name"/>).</summary>
    public string Title { get; init; } = "";
    public string Description { get; init; } = "学习笔记：大模型、生成模型与 Python。";
    public string HeroText { get; init; } = "INCOMING TRANSMISSION";
    public string LatestHeading { get; init; } = "LATEST UPDATES";
    /// <summary>Who writes the notes; empty until the author says, and then shown nowhere.</summary>
    public string Author { get; init; } = "";
    public string Language { get; init; } = "zh-CN";
    /// <summary>The interface's language (<see cref="Localization.InterfaceLanguages"/>): menus, buttons, the admin.</summary>
    public string InterfaceLanguage { get; init; } = Localization.InterfaceLanguages.Default;
    public string TimeZone { get; init; } = "UTC";
    public int PostsPerPage { get; init; } = 10;
    public int FeedLength { get; init; } = 20;
    public long UploadLimitBytes { get; init; } = 10 * 1024 * 1024;

    /// <summary>
    /// What the site calls itself: the author's title, or until one is chosen the hero's text,
    /// the one name the site already shows, rather than an invented "Blog".
    /// </summary>
    public string Name => Title.Length > 0 ? Title : HeroText;

    /// <summary>Whether the author has yet to give the site a name or themselves one: the admin asks.</summary>
    public bool NeedsSetUp => Title.Length == 0 || Author.Length == 0;

    public TimeZoneInfo TimeZoneInfo =>
        TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;

    /// <summary>A UTC time as the site's readers see it.</summary>
    public DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), TimeZoneInfo);

    /// <summary>A time written in the site's zone (front matter, the editor) as UTC.</summary>
    public DateTime ToUtc(DateTime local) => local.Kind == DateTimeKind.Utc
        ? local
        : TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), TimeZoneInfo);
}
