using System.Collections.Concurrent;
using Blog.Content;
using Blog.Data;
using Blog.Posts;
using Blog.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Blog.Tests.Posts;

/// <summary>
/// After an upgrade that changes the Markdown pipeline, the site answers at once with the posts'
/// older HTML and renders them again in the background; a command renders them before its work.
/// </summary>
public sealed class OutdatedPostsTests
{
    private const string OldHtml = "<p>旧版流水线渲染的正文</p>";

    private const string Note = """
        ## 缩放点积注意力

        注意力权重为 $\operatorname{softmax}(QK^\top/\sqrt{d_k})$，再乘以 $V$ 得到输出。
        """;

    [Fact]
    public async Task Start_WithPostsOfAnOlderPipeline_AnswersWithTheirOldHtml_ThenRendersThemAgain()
    {
        using var first = new BlogAppFactory();
        first.CreateClient();
        var posts = new List<Post>();
        for (var i = 0; i < 3; i++)
            posts.Add(await first.AddPostAsync(new PostBuilder().WithMarkdown(Note)));
        await MakeOutdatedAsync(first);

        // Writes to the posts wait while the test holds them: the re-render cannot end, and the site must answer.
        var hold = await HoldPostWritesAsync(first);
        using var restarted = new SecondNode(first);
        var client = restarted.CreateClient();
        var page = await client.GetStringAsync($"/posts/{posts[0].Slug}");
        await hold.DisposeAsync();
        Assert.Contains(OldHtml, page);

        // Let go: the background re-render saves, and the page, cached with the old HTML, shows the new.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        string article;
        do
        {
            await Task.Delay(200); // the re-render is real work, paced by the machine's load rather than the site's clock
            article = await client.GetStringAsync($"/posts/{posts[0].Slug}");
        }
        while (article.Contains(OldHtml) && DateTime.UtcNow < deadline);
        Assert.DoesNotContain(OldHtml, article);
        Assert.Equal(0, await first.WithDbAsync(db => db.Posts.CountAsync(p => p.RenderVersion < MarkdownRenderer.Version)));
    }

    [Fact]
    public async Task Rerender_ThatRunsOutOfTime_KeepsThePostsPreviousHtml_AndTriesAgainAtTheNextStart()
    {
        using var first = new BlogAppFactory();
        first.CreateClient();
        var slow = await first.AddPostAsync(new PostBuilder("渲染超时的笔记").WithMarkdown(Note));
        var after = await first.AddPostAsync(new PostBuilder("之后的笔记").WithMarkdown(Note));
        await MakeOutdatedAsync(first);
        // Its text is now one the renderer gives up on at its time limit (as a busy machine can make
        // any long note); the HTML an older build made of it is what readers see.
        await first.WithDbAsync(db => db.Posts.Where(p => p.Id == slow.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Markdown, HostileMarkdown.Get("100,000 × [a]("))));

        using var restarted = new SecondNode(first);
        var client = restarted.CreateClient();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await restarted.WithDbAsync(db => db.Posts.AnyAsync(p => p.Id == after.Id && p.RenderVersion < MarkdownRenderer.Version)) && DateTime.UtcNow < deadline)
            await Task.Delay(200);

        var page = await client.GetStringAsync($"/posts/{slow.Slug}");
        Assert.Contains(OldHtml, page);
        Assert.DoesNotContain("unrendered", page);
        var kept = await restarted.WithDbAsync(db => db.Posts.AsNoTracking().SingleAsync(p => p.Id == slow.Id));
        Assert.Null(kept.RenderError);
        Assert.True(kept.RenderVersion < MarkdownRenderer.Version, "left outdated, so that the next start tries it again");
        Assert.False(await restarted.WithDbAsync(db => db.Settings.AnyAsync(s => s.Key == "_render_version")), "the database is not marked up to date");
    }

    [Fact]
    public async Task ANewSite_IsMarkedRenderedByThisPipeline_InTheSeedsOwnSave()
    {
        // A later save of the mark (the first start's look for outdated posts) would empty the page
        // cache of a site that has just begun to answer.
        var saves = new SettingSaves();
        using var app = new BlogAppFactory { Interceptors = { saves } };
        app.CreateClient();
        await app.Services.GetRequiredService<BackgroundRerender>().FirstRunEnded.WaitAsync(TimeSpan.FromSeconds(60));

        var markSaves = saves.KeysOfEach.Where(keys => keys.Contains("_render_version")).ToList();
        var only = Assert.Single(markSaves);
        Assert.Contains("_seeded", only);
    }

    /// <summary>The keys of the settings each save writes.</summary>
    private sealed class SettingSaves : SaveChangesInterceptor
    {
        private readonly ConcurrentQueue<string[]> _saves = new();

        public IEnumerable<string[]> KeysOfEach => _saves;

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData, InterceptionResult<int> result,
            CancellationToken cancellationToken = default)
        {
            var keys = eventData.Context!.ChangeTracker.Entries<Setting>()
                .Where(e => e.State is EntityState.Added or EntityState.Modified).Select(e => e.Entity.Key).ToArray();
            if (keys.Length > 0)
                _saves.Enqueue(keys);
            return ValueTask.FromResult(result);
        }
    }

    /// <summary>As an older build left them: its HTML, its version, and no mark that the database is up to date.</summary>
    internal static async Task MakeOutdatedAsync(BlogAppFactory app)
    {
        // After the site's own look for outdated posts at its start, which would render them again.
        await app.Services.GetRequiredService<BackgroundRerender>().FirstRunEnded.WaitAsync(TimeSpan.FromSeconds(60));
        await app.WithDbAsync(async db =>
        {
            await db.Posts.ExecuteUpdateAsync(s => s.SetProperty(p => p.RenderVersion, 0).SetProperty(p => p.Html, OldHtml));
            await db.Settings.Where(s => s.Key == "_render_version").ExecuteDeleteAsync();
        });
    }

    /// <summary>
    /// An open transaction that has written every post: on SQLite it holds the database's write
    /// lock, on PostgreSQL the posts' rows. Readers are not held up.
    /// </summary>
    private static async Task<IAsyncDisposable> HoldPostWritesAsync(BlogAppFactory app)
    {
        var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BlogDbContext>();
        var transaction = await db.Database.BeginTransactionAsync();
        await db.Posts.ExecuteUpdateAsync(s => s.SetProperty(p => p.RenderVersion, p => p.RenderVersion));
        return new Held(transaction, scope);
    }

    private sealed class Held(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction, AsyncServiceScope scope) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await transaction.RollbackAsync();
            await transaction.DisposeAsync();
            await scope.DisposeAsync();
        }
    }
}
