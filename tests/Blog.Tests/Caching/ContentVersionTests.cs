using System.Data.Common;
using Blog.Caching;
using Blog.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Blog.Tests.Caching;

/// <summary>
/// The content version this process knows: its own saves are never taken for another process's
/// change (which would empty every cache a second later), even one that lands while the site is
/// asking the database for the version.
/// </summary>
public class ContentVersionTests(ContentVersionTests.App app) : IClassFixture<ContentVersionTests.App>
{
    public sealed class App : FakeClockBlogApp
    {
        /// <summary>Run once, when the next look at the version has read it and before the site has its answer.</summary>
        public Func<Task>? DuringLook { get; set; }

        /// <summary>Run once, when the next transaction has committed and before the save that made it returns.</summary>
        public Func<Task>? AfterCommit { get; set; }

        public App() => Interceptors.AddRange([new LookInterceptor(this), new CommitInterceptor(this)]);
    }

    private sealed class CommitInterceptor(App app) : DbTransactionInterceptor
    {
        public override async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            if (app.AfterCommit is { } after)
            {
                app.AfterCommit = null;
                await after();
            }
        }
    }

    private sealed class LookInterceptor(App app) : DbCommandInterceptor
    {
        public override async ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result,
            CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains(ContentVersion.Key) && app.DuringLook is { } during)
            {
                app.DuringLook = null;
                await during();
            }
            return result;
        }
    }

    [Fact]
    public async Task ASaveOfThisProcess_CommittedWhileTheSiteAsksForTheVersion_IsNotTakenForAChangeElsewhere()
    {
        var version = app.Services.GetRequiredService<ContentVersion>();
        app.Clock.Advance(TimeSpan.FromSeconds(2));
        await version.ChangedElsewhereAsync(CancellationToken.None); // learns the version

        // A save of this process commits (its new version stamped and recorded) while the look is out.
        app.DuringLook = async () =>
        {
            var written = await app.WithDbAsync(async db =>
            {
                await db.Database.OpenConnectionAsync();
                return await ContentVersion.StampAsync(db.Database.GetDbConnection(), null, CancellationToken.None);
            });
            version.Wrote(written);
        };
        app.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.False(await version.ChangedElsewhereAsync(CancellationToken.None));
        Assert.Null(app.DuringLook); // the look did run beside the save

        app.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.False(await version.ChangedElsewhereAsync(CancellationToken.None), "the look put back the version from before the save");
    }

    [Fact]
    public async Task ASaveOfThisProcess_LookedAtBetweenItsCommitAndItsCachesEmptied_IsNotTakenForAChangeElsewhere()
    {
        var version = app.Services.GetRequiredService<ContentVersion>();
        app.Clock.Advance(TimeSpan.FromSeconds(2));
        await version.ChangedElsewhereAsync(CancellationToken.None); // learns the version

        bool? changedElsewhere = null;
        app.AfterCommit = async () => changedElsewhere = await version.ChangedElsewhereAsync(CancellationToken.None);
        app.Clock.Advance(TimeSpan.FromSeconds(2));
        await app.AddPostAsync(new PostBuilder("提交之后的一瞬"));

        Assert.False(changedElsewhere ?? throw new Xunit.Sdk.XunitException("no look ran after the save's commit"));
    }
}
