using System.ComponentModel.DataAnnotations;
using Blog.Accounts;
using Blog.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Blog.Pages.Admin;

public class LoginModel(AccountService accounts, IStringLocalizer<SharedResource> text) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your user name.")]
        public string UserName { get; set; } = "";

        [Required(ErrorMessage = "Enter your password."), DataType(DataType.Password)]
        public string Password { get; set; } = "";
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
            return Page();

        switch (await accounts.SignInAsync(HttpContext, Input.UserName, Input.Password))
        {
            case SignInOutcome.SignedIn:
                return LocalRedirect(Url.IsLocalUrl(ReturnUrl) && ReturnUrl.StartsWith("/admin", StringComparison.Ordinal) ? ReturnUrl : "/admin");
            case SignInOutcome.LockedOut:
                // Same words whether or not the account exists. No time is promised: the wait doubles
                // with each lockout (see SignInThrottle), from minutes to hours.
                ModelState.AddModelError("", text["Too many failed attempts from here. Try again later."]);
                break;
            default:
                ModelState.AddModelError("", text["The user name or password is incorrect."]);
                break;
        }
        Input.Password = "";
        return Page();
    }
}
