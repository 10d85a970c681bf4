using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Blog.Accounts;
using Blog.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Blog.Pages.Admin.Account;

public class PasswordModel(AccountService accounts, IStringLocalizer<SharedResource> text) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your current password."), DataType(DataType.Password)]
        public string CurrentPassword { get; set; } = "";

        [Required(ErrorMessage = "Enter a new password."), DataType(DataType.Password)]
        [MinLength(8, ErrorMessage = "The new password needs at least 8 characters.")]
        public string NewPassword { get; set; } = "";

        [DataType(DataType.Password), Compare(nameof(NewPassword), ErrorMessage = "The two new passwords differ.")]
        public string ConfirmPassword { get; set; } = "";
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
            return Page();

        var userId = int.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);
        if (!await accounts.ChangePasswordAsync(HttpContext, userId, Input.CurrentPassword, Input.NewPassword))
        {
            ModelState.AddModelError("Input.CurrentPassword", text["The current password is incorrect."]);
            return Page();
        }
        TempData["Status"] = text["Password changed. Your other sessions have been signed out."].Value;
        return RedirectToPage("/Admin/Index");
    }
}
