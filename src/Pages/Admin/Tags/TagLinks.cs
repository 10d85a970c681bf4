using Blog.Data;
using Microsoft.EntityFrameworkCore;

namespace Blog.Pages.Admin.Tags;

/// <summary>
/// The PostTags join rows, which have no entity class of their own. Changed as tracked entities
/// so that the caller's SaveChanges commits them and what it sets off (search index, page cache:
/// <see cref="Data.ContentChange"/>) learns which posts changed.
/// </summary>
internal static class TagLinks
{
    private static DbSet<Dictionary<string, object>> Links(BlogDbContext db) => db.Set<Dictionary<string, object>>("PostTags");

    /// <summary>Takes the tag off every post; returns how many posts carried it.</summary>
    public static async Task<int> DetachAsync(BlogDbContext db, int tagId, CancellationToken cancellationToken)
    {
        var links = await Links(db).Where(l => EF.Property<int>(l, "TagsId") == tagId).ToListAsync(cancellationToken);
        Links(db).RemoveRange(links);
        return links.Count;
    }

    /// <summary>Gives every post of one tag the other tag too, unless it has it already.</summary>
    public static async Task CopyAsync(BlogDbContext db, int fromTagId, int toTagId, CancellationToken cancellationToken)
    {
        var links = Links(db);
        var postIds = await links
            .Where(l => EF.Property<int>(l, "TagsId") == fromTagId)
            .Select(l => EF.Property<int>(l, "PostsId"))
            .Where(postId => !links.Any(o => EF.Property<int>(o, "TagsId") == toTagId && EF.Property<int>(o, "PostsId") == postId))
            .ToListAsync(cancellationToken);
        foreach (var postId in postIds)
            links.Add(new Dictionary<string, object> { ["PostsId"] = postId, ["TagsId"] = toTagId });
    }
}
