using Blog.Data;
using Microsoft.EntityFrameworkCore;

namespace Blog.Posts;

public static class PostDeletion
{
    /// <summary>
    /// Deletes posts for good, with what exists only for them: revisions, tag links and the old
    /// slugs that redirected to them. One transaction, so a failure leaves every post as it was.
    /// </summary>
    /// <returns>How many posts were deleted.</returns>
    public static async Task<int> DeleteForeverAsync(this BlogDbContext db, IQueryable<Post> posts, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ids = await posts.Select(p => p.Id).ToListAsync(cancellationToken);
        if (ids.Count == 0)
            return 0;

        // The foreign keys cascade too; deleting explicitly keeps this true whatever the schema says.
        await db.Revisions.Where(r => ids.Contains(r.PostId)).ExecuteDeleteAsync(cancellationToken);
        await db.Set<Dictionary<string, object>>("PostTags")
            .Where(link => ids.Contains(EF.Property<int>(link, "PostsId"))).ExecuteDeleteAsync(cancellationToken);
        await db.SlugRedirects.Where(r => r.Kind == RedirectKind.Post && ids.Contains(r.TargetId)).ExecuteDeleteAsync(cancellationToken);
        var deleted = await db.Posts.Where(p => ids.Contains(p.Id)).ExecuteDeleteAsync(cancellationToken);

        await transaction.CommitAsync(cancellationToken);
        return deleted;
    }
}
