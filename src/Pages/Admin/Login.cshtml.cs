using System.ComponentModel.DataAnnotations;
using Blog.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Blog.Pages.Admin;

public class LoginModel(AccountService accounts) : PageModel
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
                // Same words whether or not the account exists.
                ModelState.AddModelError("", "Too many failed attempts. Wait a few minutes and try again.");
                break;
            default:
                ModelState.AddModelError("", "The user name or password is incorrect.");
                break;
        }
        Input.Password = "";
        return Page();
    }
}
