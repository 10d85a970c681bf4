using Blog.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;

namespace Blog.Hosting;

/// <summary>
/// The data-protection keys that sign and encrypt the sign-in cookie, antiforgery tokens and
/// TempData live in the site's database, so that a cookie or a form issued by one node is
/// accepted by every other node behind the same balancer. Without this each process keeps its
/// own keys in its user's home folder, and a node that did not issue a cookie rejects it.
/// </summary>
internal static class SharedKeys
{
    /// <summary>
    /// Part of every protector's purpose. Fixed, because the default is the content root: two
    /// nodes started from different folders would not read each other's cookies.
    /// </summary>
    public const string ApplicationName = "Blog";

    public static IServiceCollection AddSharedKeys(this IServiceCollection services)
    {
        services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<BlogDbContext>();
        return services;
    }

    /// <summary>
    /// Makes sure the database holds a key in force before the site serves. Otherwise each node
    /// makes its own first key at its first form; two nodes doing that at once each cache only
    /// their own key, and past a node's first two minutes (when an unknown key still makes it read
    /// the keys again) reject the other's cookies until their key ring is next read, up to a day
    /// later. Run from the database's initialization, by the site and by every command, so a
    /// fresh site usually has its key from `admin create`, before any node starts.
    /// </summary>
    public static void EnsureKeyInForce(IServiceProvider services)
    {
        if (services.GetService<IKeyManager>() is not { } keys)
            return; // a host without data protection (none today)
        var now = DateTimeOffset.UtcNow;
        if (!keys.GetAllKeys().Any(k => !k.IsRevoked && k.ActivationDate <= now && k.ExpirationDate > now))
            keys.CreateNewKey(activationDate: now, expirationDate: now.AddDays(90));
    }
}
