using System.Security.Claims;
using Blog.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Blog.Accounts;

public enum SignInOutcome { SignedIn, Invalid, LockedOut }

/// <summary>Password checks, sign-in and password changes for admin accounts.</summary>
public sealed class AccountService(BlogDbContext db, SignInThrottle throttle, TimeProvider clock)
{
    public const string StampClaim = "blog:stamp";
    public const string SignedInAtClaim = "blog:signed-in-at";

    private static readonly PasswordHasher<User> Hasher = new();

    public static string Hash(User user, string password) => Hasher.HashPassword(user, password);

    public async Task<SignInOutcome> SignInAsync(HttpContext context, string userName, string password)
    {
        var address = SignInThrottle.AddressOf(context.Connection.RemoteIpAddress);
        if (throttle.LockedUntil(userName, address) is not null)
            return SignInOutcome.LockedOut;

        var user = await db.Users.FirstOrDefaultAsync(u => u.UserName == userName.Trim());
        var verified = user is not null
            && Hasher.VerifyHashedPassword(user, user.PasswordHash, password) != PasswordVerificationResult.Failed;
        if (!verified)
        {
            // Hash anyway for an unknown account, so the answer's timing does not tell whether it exists.
            if (user is null)
                Hasher.HashPassword(new User { UserName = "", PasswordHash = "" }, password);
            throttle.Failed(userName, address);
            return SignInOutcome.Invalid;
        }

        throttle.Succeeded(userName, address);
        // A fresh ticket and cookie at every sign-in: nothing issued before it carries over.
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, Principal(user!),
            new AuthenticationProperties { IsPersistent = false, IssuedUtc = clock.GetUtcNow() });
        return SignInOutcome.SignedIn;
    }

    /// <summary>
    /// Signs out, and ends every session of the account: the cookie is only a ticket the browser
    /// holds, so deleting it would leave a copy of it (a stolen one) valid until it expires. A new
    /// security stamp invalidates all of them (see AdminAuthentication), on every device.
    /// </summary>
    public async Task SignOutAsync(HttpContext context)
    {
        if (int.TryParse(context.User.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
        {
            await db.Users.Where(u => u.Id == userId)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.SecurityStamp, Guid.NewGuid()));
        }
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }

    /// <summary>Changes the password and the security stamp, which ends every other session of the account.</summary>
    public async Task<bool> ChangePasswordAsync(HttpContext context, int userId, string currentPassword, string newPassword)
    {
        var user = await db.Users.SingleAsync(u => u.Id == userId);
        if (Hasher.VerifyHashedPassword(user, user.PasswordHash, currentPassword) == PasswordVerificationResult.Failed)
            return false;

        user.PasswordHash = Hasher.HashPassword(user, newPassword);
        user.SecurityStamp = Guid.NewGuid();
        await db.SaveChangesAsync();
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, Principal(user));
        return true;
    }

    private ClaimsPrincipal Principal(User user) => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, user.Id.ToString()),
            new Claim(ClaimTypes.Name, user.UserName),
            new Claim(StampClaim, user.SecurityStamp.ToString()),
            new Claim(SignedInAtClaim, clock.GetUtcNow().ToUnixTimeSeconds().ToString()),
        ],
        CookieAuthenticationDefaults.AuthenticationScheme));
}
