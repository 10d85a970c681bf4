namespace Blog.Localization;

/// <summary>
/// The interface's strings: the English text is the key (and what English readers see), and
/// <c>SharedResource.zh-Hans.resx</c> / <c>SharedResource.zh-Hant.resx</c> beside this file hold
/// the Chinese. One file for the site and the admin, so a phrase used on many pages is translated once.
/// </summary>
public sealed class SharedResource;
