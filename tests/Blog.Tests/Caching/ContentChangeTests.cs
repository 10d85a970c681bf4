using System.Data.Common;
using System.Net;
using Blog.Data;
using Blog.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Blog.Tests.Caching;

/// <summary>
/// What a save sets off, in its order: the rows and their search entries in one transaction, the
/// caches emptied only once it has committed, and every cache of content among them.
/// </summary>
public sealed class ContentChangeTests : IDisposable
{
    private readonly Hooks _hooks = new();
    private readonly BlogAppFactory _app;

    /// <summary>The site with a look at it while a save commits.</summary>
    public ContentChangeTests() => _app = new BlogAppFactory { Interceptors = { _hooks } };

    /// <summary>Looks at the site, once, while the save of a post commits.</summary>
    private sealed class Hooks : DbTransactionInterceptor
    {
        public (string Slug, Func<Task> Look)? WhileCommitting;

        public override async ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
        {
            if (WhileCommitting is { } hook && eventData.Context!.ChangeTracker.Entries<Post>().Any(e => e.Entity.Slug == hook.Slug))
            {
                WhileCommitting = null;
                await hook.Look();
            }
            return result;
        }
    }

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task APageReadWhileASaveCommits_IsNotKeptWithoutTheSave()
    {
        var client = _app.CreateClient();
        await client.GetStringAsync("/");
        var post = new PostBuilder("提交之间 扩散模型的采样步数").PublishedAt(DateTime.UtcNow.AddMinutes(-1));
        // A reader asks for the home page when the rows are written but not committed: the page comes without the post.
        _hooks.WhileCommitting = (post.Slug, async () => Assert.DoesNotContain(post.Title, await client.GetStringAsync("/")));

        await _app.AddPostAsync(post);

        Assert.Null(_hooks.WhileCommitting);
        Assert.Contains(post.Title, await client.GetStringAsync("/"));
    }

    [Fact]
    public async Task ASaveThatCannotBeCompleted_LeavesNothingBehind()
    {
        // The last write of a save, the content version, refused for this post: what came before it is taken back.
        await _app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(TestDatabase.IsPostgres
            ? """
              CREATE FUNCTION refuse_version() RETURNS trigger AS $$
              BEGIN
                IF EXISTS (SELECT 1 FROM "Posts" WHERE "Title" LIKE '%无法保存%') THEN RAISE EXCEPTION 'refused'; END IF;
                RETURN NEW;
              END $$ LANGUAGE plpgsql;
              CREATE TRIGGER refuse_version BEFORE UPDATE ON "Settings" FOR EACH ROW EXECUTE FUNCTION refuse_version();
              """
            : """
              CREATE TRIGGER refuse_version BEFORE UPDATE ON "Settings"
              WHEN EXISTS (SELECT 1 FROM "Posts" WHERE "Title" LIKE '%无法保存%')
              BEGIN SELECT RAISE(ABORT, 'refused'); END
              """));
        var post = new PostBuilder("无法保存的笔记 注意力机制").WithMarkdown("缩放点积注意力：$\\mathrm{softmax}(QK^T/\\sqrt{d})V$。");

        await Assert.ThrowsAnyAsync<DbException>(() => _app.AddPostAsync(post));

        Assert.False(await _app.WithDbAsync(db => db.Posts.AnyAsync(p => p.Slug == post.Slug)));
        Assert.Equal(HttpStatusCode.NotFound, (await _app.CreateClient().GetAsync($"/posts/{post.Slug}")).StatusCode);
    }

    [Fact]
    public async Task RenamingATag_ShowsInTheFeedAtOnce()
    {
        var post = await _app.AddPostAsync(new PostBuilder("标签改名 变分自编码器").WithTags("VAE旧名"));
        var client = _app.CreateClient();
        Assert.Contains("<category>VAE旧名</category>", await client.GetStringAsync("/feed.xml"));

        await _app.WithDbAsync(async db =>
        {
            var tag = await db.Tags.SingleAsync(t => t.Name == "VAE旧名");
            tag.Name = "变分自编码器 VAE";
            await db.SaveChangesAsync();
        });

        var feed = await client.GetStringAsync("/feed.xml");
        Assert.Contains(post.Title, feed);
        Assert.Contains("<category>变分自编码器 VAE</category>", feed);
        Assert.DoesNotContain("VAE旧名", feed);
    }
}
