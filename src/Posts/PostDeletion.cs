using Blog.Data;
using Microsoft.EntityFrameworkCore;

namespace Blog.Posts;

public static class PostDeletion
{
    /// <summary>
    /// Deletes posts for good, with what exists only for them: revisions and tag links (by their
    /// foreign keys' cascade) and the old slugs that redirected to them. One tracked SaveChanges,
    /// so it is atomic and what a save sets off (search index, page cache) sees it.
    /// </summary>
    /// <returns>How many posts were deleted.</returns>
    public static async Task<int> DeleteForeverAsync(this BlogDbContext db, IQueryable<Post> posts, CancellationToken cancellationToken)
    {
        var doomed = await posts.ToListAsync(cancellationToken);
        if (doomed.Count == 0)
            return 0;

        var ids = doomed.Select(p => p.Id).ToList();
        db.SlugRedirects.RemoveRange(await db.SlugRedirects
            .Where(r => r.Kind == RedirectKind.Post && ids.Contains(r.TargetId)).ToListAsync(cancellationToken));
        db.Posts.RemoveRange(doomed);
        await db.SaveChangesAsync(cancellationToken);
        return doomed.Count;
    }
}
