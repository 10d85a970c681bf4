using Blog.Data;
using Blog.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Blog.Cli;

internal static class AdminCommand
{
    public static async Task<int> RunAsync(string[] args, IServiceProvider services)
    {
        if (args is not ["create", ..])
            throw new CommandException("usage: admin create --user NAME --password-stdin");

        var userIndex = Array.IndexOf(args, "--user");
        var userName = userIndex >= 0 && userIndex + 1 < args.Length ? args[userIndex + 1].Trim() : "";
        if (userName.Length == 0)
            throw new CommandException("give the account's name with --user NAME");
        if (!args.Contains("--password-stdin"))
            throw new CommandException("the password is read from standard input: add --password-stdin (never pass it as an argument)");

        var password = (await Console.In.ReadLineAsync())?.TrimEnd('\r', '\n') ?? "";
        if (password.Length < 8)
            throw new CommandException("the password must have at least 8 characters");

        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BlogDbContext>();
        if (await db.Users.AnyAsync(u => u.UserName == userName))
            throw new CommandException($"an account named '{userName}' already exists");

        var user = new User { UserName = userName, PasswordHash = "", CreatedAt = DateTime.UtcNow };
        user.PasswordHash = AccountService.Hash(user, password);
        db.Users.Add(user);
        await db.SaveChangesAsync();
        Console.WriteLine($"admin account '{userName}' created; sign in at /admin/login");
        return 0;
    }
}
