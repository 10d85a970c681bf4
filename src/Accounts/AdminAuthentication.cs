using Microsoft.AspNetCore.Authentication;
using System.Security.Claims;
using Blog.Data;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;

namespace Blog.Accounts;

internal static class AdminAuthentication
{
    /// <summary>A session ends after this long idle...</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromHours(2);

    /// <summary>...and, however active, this long after sign-in.</summary>
    public static readonly TimeSpan AbsoluteTimeout = TimeSpan.FromDays(7);

    public static IServiceCollection AddAdminAuthentication(this IServiceCollection services)
    {
        services.AddSingleton<SignInThrottle>();
        services.AddScoped<AccountService>();
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.Cookie.Name = "blog.auth";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest; // Secure under HTTPS
                options.ExpireTimeSpan = IdleTimeout;
                options.SlidingExpiration = true;
                options.LoginPath = "/admin/login";
                options.LogoutPath = "/admin/logout";
                options.AccessDeniedPath = "/admin/login";
                options.Events.OnValidatePrincipal = ValidateAsync;
            });
        services.AddAuthorization();
        return services;
    }

    /// <summary>
    /// Rejects a cookie whose account is gone, whose password changed since (security stamp), or
    /// that is older than the absolute timeout.
    /// </summary>
    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var signedInAt = long.TryParse(principal?.FindFirstValue(AccountService.SignedInAtClaim), out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : DateTimeOffset.MinValue;
        var clock = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
        var valid = clock.GetUtcNow() - signedInAt <= AbsoluteTimeout
            && int.TryParse(principal?.FindFirstValue(ClaimTypes.NameIdentifier), out var userId)
            && Guid.TryParse(principal?.FindFirstValue(AccountService.StampClaim), out var stamp)
            && await context.HttpContext.RequestServices.GetRequiredService<BlogDbContext>()
                .Users.AnyAsync(u => u.Id == userId && u.SecurityStamp == stamp);
        if (!valid)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }
}
