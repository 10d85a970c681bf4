using Blog.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Blog.Pages.Admin;

public class LogoutModel(AccountService accounts) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Admin/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        await accounts.SignOutAsync(HttpContext);
        return Redirect("/admin/login");
    }
}
