using Blog.Data;
using Blog.Search;
using Microsoft.EntityFrameworkCore;

namespace Blog.Cli;

internal static class SearchCommand
{
    /// <summary><c>search rebuild</c>: indexes every post again (after a restore from an old backup, say).</summary>
    public static async Task<int> RunAsync(string[] args, IServiceProvider services)
    {
        if (args is not ["rebuild"])
            throw new CommandException("usage: search rebuild");

        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BlogDbContext>();
        var count = await SearchIndex.RebuildAsync(db);
        Console.WriteLine($"search index rebuilt: {count} posts");
        return 0;
    }
}
