using Blog.Data;
using Microsoft.EntityFrameworkCore;

namespace Blog.Pages.Admin.Tags;

/// <summary>The PostTags join rows, which have no entity class of their own.</summary>
internal static class TagLinks
{
    private static IQueryable<Dictionary<string, object>> Links(BlogDbContext db) => db.Set<Dictionary<string, object>>("PostTags");

    public static Task<int> DetachAsync(BlogDbContext db, int tagId, CancellationToken cancellationToken) =>
        Links(db).Where(l => EF.Property<int>(l, "TagsId") == tagId).ExecuteDeleteAsync(cancellationToken);

    /// <summary>Gives every post of one tag the other tag too; returns how many posts gained it.</summary>
    public static async Task<int> CopyAsync(BlogDbContext db, int fromTagId, int toTagId, CancellationToken cancellationToken)
    {
        var links = Links(db);
        var postIds = await links
            .Where(l => EF.Property<int>(l, "TagsId") == fromTagId)
            .Select(l => EF.Property<int>(l, "PostsId"))
            .Where(postId => !links.Any(o => EF.Property<int>(o, "TagsId") == toTagId && EF.Property<int>(o, "PostsId") == postId))
            .ToListAsync(cancellationToken);
        foreach (var postId in postIds)
            db.Set<Dictionary<string, object>>("PostTags").Add(new Dictionary<string, object> { ["PostsId"] = postId, ["TagsId"] = toTagId });
        await db.SaveChangesAsync(cancellationToken);
        return postIds.Count;
    }
}
