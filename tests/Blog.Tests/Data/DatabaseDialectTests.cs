using Blog.Data;
using Blog.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Blog.Tests.Data;

/// <summary>
/// The editor tells an author "that slug was just taken" only when the database refused the save
/// for a unique slug: the dialect reads the driver's error code, on either provider.
/// </summary>
public class DatabaseDialectTests(BlogAppFactory app) : IClassFixture<BlogAppFactory>
{
    [Fact]
    public async Task EveryContext_HasTheDialectOfTheConfiguredProvider()
    {
        var provider = await app.WithDbAsync(db => Task.FromResult(db.Dialect.Provider));

        Assert.Equal(TestDatabase.Provider, provider);
    }

    [Fact]
    public async Task ASlugTakenByAnotherPost_IsAUniqueViolation()
    {
        await app.AddPostAsync(new PostBuilder("注意力机制的计算").WithSlug("attention-scores"));

        var refused = await Assert.ThrowsAsync<DbUpdateException>(() =>
            app.AddPostAsync(new PostBuilder("注意力机制的计算（续）").WithSlug("attention-scores")));

        Assert.True(await app.WithDbAsync(db => Task.FromResult(db.Dialect.IsUniqueViolation(refused))));
    }

    [Fact]
    public async Task ARevisionOfAMissingPost_IsRefusedButIsNoUniqueViolation()
    {
        var refused = await Assert.ThrowsAsync<DbUpdateException>(() => app.WithDbAsync(async db =>
        {
            db.Revisions.Add(new Revision { PostId = int.MaxValue, Title = "梯度下降", Markdown = "$\\theta \\leftarrow \\theta - \\eta \\nabla L$", SavedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }));

        Assert.False(await app.WithDbAsync(db => Task.FromResult(db.Dialect.IsUniqueViolation(refused))));
    }
}
