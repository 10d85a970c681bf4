using System.Globalization;
using Blog.Settings;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Localization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Localization;

namespace Blog.Localization;

/// <summary>
/// The languages the interface speaks. The site's setting chooses one for every request: the
/// author decides what the blog looks like, not each reader's browser.
/// </summary>
public static class InterfaceLanguages
{
    public const string Default = "zh-Hans";

    public static IReadOnlyList<string> All { get; } = ["zh-Hans", "zh-Hant", "en"];

    public static string Normalize(string? tag) => All.FirstOrDefault(l => string.Equals(l, tag, StringComparison.OrdinalIgnoreCase)) ?? Default;

    public static IServiceCollection AddBlogLocalization(this IServiceCollection services)
    {
        services.AddLocalization();
        // The views' HTML localizer alone: AddViewLocalization would also look for a view file per culture on every render.
        services.TryAddSingleton<IHtmlLocalizerFactory, HtmlLocalizerFactory>();
        services.TryAddTransient(typeof(IHtmlLocalizer<>), typeof(HtmlLocalizer<>));
        services.Configure<RequestLocalizationOptions>(options =>
        {
            var cultures = All.Select(CultureInfo.GetCultureInfo).ToList();
            options.DefaultRequestCulture = new RequestCulture(Default);
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
            options.RequestCultureProviders = [new SettingCultureProvider()];
        });
        // Model binding's own messages ("十" typed in a number field) speak the interface's language too.
        services.AddOptions<MvcOptions>().Configure<IStringLocalizerFactory>((mvc, factory) =>
        {
            var text = factory.Create(typeof(SharedResource));
            var messages = mvc.ModelBindingMessageProvider;
            messages.SetAttemptedValueIsInvalidAccessor((value, field) => text["The value '{0}' is not valid for {1}.", value, field]);
            messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => text["The value '{0}' is not valid.", value]);
            messages.SetValueMustNotBeNullAccessor(value => text["The value '{0}' is invalid.", value]);
            messages.SetValueMustBeANumberAccessor(field => text["The field {0} must be a number.", field]);
        });
        return services;
    }

    private sealed class SettingCultureProvider : RequestCultureProvider
    {
        public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
        {
            var language = Normalize(httpContext.RequestServices.GetRequiredService<SiteSettingsStore>().Current.InterfaceLanguage);
            return Task.FromResult<ProviderCultureResult?>(new ProviderCultureResult(language));
        }
    }
}

public static class LocalizerExtensions
{
    /// <summary>A string in a language other than the request's: a message about changing the language itself.</summary>
    public static string InLanguage(this Microsoft.Extensions.Localization.IStringLocalizer localizer, string language, string key)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(InterfaceLanguages.Normalize(language));
        try
        {
            return localizer[key];
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
