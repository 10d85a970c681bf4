using Blog.Data;
using Blog.Accounts;
using Blog.Settings;
using Microsoft.EntityFrameworkCore;

namespace Blog.Cli;

internal static class AdminCommand
{
    public const string Usage = "usage: admin create --user NAME --password-stdin [--site-name NAME] [--author NAME] [--description TEXT]";

    public static async Task<int> RunAsync(string[] args, IServiceProvider services)
    {
        if (args is not ["create", ..])
            throw new CommandException(Usage);

        var userName = Option(args, "--user")?.Trim() ?? "";
        if (userName.Length == 0)
            throw new CommandException("give the account's name with --user NAME");
        if (!args.Contains("--password-stdin"))
            throw new CommandException("the password is read from standard input: add --password-stdin (never pass it as an argument)");
        // The site's own words, so that it is the author's from the first page; each one optional
        // (the first sign-in asks for what is still missing).
        var siteName = Checked(Option(args, "--site-name"), "--site-name", 200);
        var author = Checked(Option(args, "--author"), "--author", 100);
        var description = Checked(Option(args, "--description"), "--description", 500);

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

        if (siteName is not null || author is not null || description is not null)
        {
            var store = services.GetRequiredService<SiteSettingsStore>();
            var current = store.Current;
            await store.SaveAsync(current with
            {
                Title = siteName ?? current.Title,
                Author = author ?? current.Author,
                Description = description ?? current.Description,
            });
            Console.WriteLine($"site: '{store.Current.Name}' by '{store.Current.Author}'");
        }
        return 0;
    }

    /// <summary>The value after <paramref name="name"/>; null when the option is absent.</summary>
    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        if (index < 0)
            return null;
        if (index + 1 >= args.Length || args[index + 1].StartsWith("--", StringComparison.Ordinal))
            throw new CommandException($"{name} needs a value");
        return args[index + 1];
    }

    private static string? Checked(string? value, string name, int maxLength)
    {
        if (value is null)
            return null;
        value = value.Trim();
        if (value.Length == 0)
            throw new CommandException($"{name} needs a value");
        if (value.Length > maxLength)
            throw new CommandException($"{name} is longer than {maxLength} characters");
        return value;
    }
}
