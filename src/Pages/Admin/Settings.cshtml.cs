using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Blog.Localization;
using Blog.Settings;
using Microsoft.Extensions.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Blog.Pages.Admin;

public class SettingsModel(SiteSettingsStore store, TimeProvider clock, IStringLocalizer<SharedResource> text) : PageModel
{
    private const long Megabyte = 1024 * 1024;

    public sealed class InputModel
    {
        // Empty leaves the site unnamed: it goes by its hero text, and the dashboard asks again.
        [StringLength(200, ErrorMessage = "Keep the title within 200 characters.")]
        public string? Title { get; set; }

        [StringLength(500, ErrorMessage = "Keep the description within 500 characters.")]
        public string? Description { get; set; }

        [Required(ErrorMessage = "Enter the hero text."), StringLength(200, ErrorMessage = "Keep the hero text within 200 characters.")]
        public string HeroText { get; set; } = "";

        [Required(ErrorMessage = "Enter the heading of the latest posts."), StringLength(200, ErrorMessage = "Keep the heading within 200 characters.")]
        public string LatestHeading { get; set; } = "";

        [StringLength(100, ErrorMessage = "Keep the author's name within 100 characters.")]
        public string? Author { get; set; }

        [Required(ErrorMessage = "Enter a language tag such as zh-CN or en.")]
        [RegularExpression("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$", ErrorMessage = "Enter a language tag such as zh-CN or en.")]
        public string Language { get; set; } = "";

        /// <summary>Empty (a form from before the setting existed) keeps the current language.</summary>
        public string? InterfaceLanguage { get; set; }

        [Required(ErrorMessage = "Choose a time zone.")]
        public string TimeZone { get; set; } = "";

        [Range(1, 100, ErrorMessage = "Posts per page must be between 1 and 100.")]
        [Display(Name = "Posts per page")]
        public int PostsPerPage { get; set; }

        [Range(1, 100, ErrorMessage = "Feed length must be between 1 and 100.")]
        [Display(Name = "Feed length")]
        public int FeedLength { get; set; }

        [Range(1, 100, ErrorMessage = "The upload limit must be between 1 and 100 MB.")]
        [Display(Name = "Upload limit")]
        public int UploadLimitMegabytes { get; set; }
    }

    public sealed record ZoneOption(string Id, string Label);

    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>The zones this machine knows, by offset; what the select offers and all that a post may name.</summary>
    public static IReadOnlyList<ZoneOption> Zones { get; } = LoadZones();

    public string NowInSiteZone { get; private set; } = "";

    /// <summary>Each language by its own name, so that a reader of it finds it in any interface.</summary>
    public static IReadOnlyDictionary<string, string> LanguageNames { get; } = new Dictionary<string, string>
    {
        ["zh-Hans"] = "简体中文",
        ["zh-Hant"] = "繁體中文",
        ["en"] = "English",
    };

    public void OnGet()
    {
        var current = store.Current;
        Input = new InputModel
        {
            Title = current.Title,
            Description = current.Description,
            HeroText = current.HeroText,
            LatestHeading = current.LatestHeading,
            Author = current.Author,
            Language = current.Language,
            InterfaceLanguage = current.InterfaceLanguage,
            TimeZone = current.TimeZone,
            PostsPerPage = current.PostsPerPage,
            FeedLength = current.FeedLength,
            UploadLimitMegabytes = (int)Math.Clamp((current.UploadLimitBytes + Megabyte / 2) / Megabyte, 1, 100),
        };
        NowInSiteZone = NowIn(current);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(Input.TimeZone) && !Zones.Any(z => z.Id == Input.TimeZone))
            ModelState.AddModelError("Input.TimeZone", text["“{0}” is not a time zone this server knows. Choose one from the list.", Input.TimeZone]);
        if (!ModelState.IsValid)
        {
            NowInSiteZone = NowIn(store.Current);
            return Page();
        }

        // `with`, so that a setting this form does not show keeps its value.
        var settings = store.Current with
        {
            Title = Input.Title?.Trim() ?? "",
            Description = Input.Description?.Trim() ?? "",
            HeroText = Input.HeroText.Trim(),
            LatestHeading = Input.LatestHeading.Trim(),
            Author = Input.Author?.Trim() ?? "",
            Language = Input.Language.Trim(),
            InterfaceLanguage = string.IsNullOrWhiteSpace(Input.InterfaceLanguage) ? store.Current.InterfaceLanguage : InterfaceLanguages.Normalize(Input.InterfaceLanguage),
            TimeZone = Input.TimeZone,
            PostsPerPage = Input.PostsPerPage,
            FeedLength = Input.FeedLength,
            UploadLimitBytes = Input.UploadLimitMegabytes * Megabyte,
        };
        await store.SaveAsync(settings, cancellationToken);
        // In the language just chosen: the next page speaks it.
        TempData["Status"] = text.InLanguage(settings.InterfaceLanguage, "Settings saved. The site shows them now.");
        return RedirectToPage();
    }

    private string NowIn(SiteSettings settings) =>
        settings.ToLocal(clock.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static List<ZoneOption> LoadZones()
    {
        var zones = TimeZoneInfo.GetSystemTimeZones().ToList();
        // The default setting; some systems leave it out of their list.
        if (!zones.Any(z => z.Id == "UTC"))
            zones.Add(TimeZoneInfo.Utc);
        return zones.OrderBy(z => z.BaseUtcOffset).ThenBy(z => z.Id, StringComparer.Ordinal)
            .Select(z => new ZoneOption(z.Id, $"(UTC{Offset(z.BaseUtcOffset)}) {z.Id}")).ToList();
    }

    private static string Offset(TimeSpan offset) =>
        (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);
}
