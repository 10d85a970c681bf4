using Blog.Data;
using Microsoft.EntityFrameworkCore;

namespace Blog.Pages.Admin.Tags;

/// <summary>
/// A tag's links to its posts, changed as tracked entities so that the caller's SaveChanges
/// commits them and its interceptors (page cache, search index) learn which posts changed.
/// </summary>
internal static class TagLinks
{
    /// <summary>Takes the tag off every post; returns how many posts carried it.</summary>
    public static async Task<int> DetachAsync(BlogDbContext db, int tagId, CancellationToken cancellationToken)
    {
        var links = await db.PostTags.Where(l => l.TagId == tagId).ToListAsync(cancellationToken);
        db.PostTags.RemoveRange(links);
        return links.Count;
    }

    /// <summary>Gives every post of one tag the other tag too, unless it has it already.</summary>
    public static async Task CopyAsync(BlogDbContext db, int fromTagId, int toTagId, CancellationToken cancellationToken)
    {
        var postIds = await db.PostTags
            .Where(l => l.TagId == fromTagId)
            .Select(l => l.PostId)
            .Where(postId => !db.PostTags.Any(o => o.TagId == toTagId && o.PostId == postId))
            .ToListAsync(cancellationToken);
        db.PostTags.AddRange(postIds.Select(postId => new PostTag { PostId = postId, TagId = toTagId }));
    }
}
