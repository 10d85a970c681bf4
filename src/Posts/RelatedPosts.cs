using Blog.Data;
using Microsoft.EntityFrameworkCore;

namespace Blog.Posts;

/// <summary>
/// The few articles shown at the foot of an article: those that share the most of its tags,
/// then the newest of its category. Its cost must not grow with the blog: at 100,000 notes a
/// common tag has 10,000 posts, and counting shared tags over all of them took 180 ms a page.
/// </summary>
public static class RelatedPosts
{
    /// <summary>How many of each tag's most recently tagged posts are considered.</summary>
    private const int CandidatesPerTag = 50;

    /// <summary>How many ranked candidates are checked against the publishing rules.</summary>
    private const int Ranked = 30;

    public static async Task<IReadOnlyList<PostSummary>> RelatedAsync(this BlogDbContext db, IQueryable<Post> published,
        int postId, int? categoryId, IReadOnlyList<int> tagIds, int count, CancellationToken cancellationToken)
    {
        var candidates = tagIds.Count == 0 ? [] : await RankedByTagsAsync(db, postId, tagIds, cancellationToken);
        var related = (await published.Where(p => candidates.Contains(p.Id)).ToSummaries().ToListAsync(cancellationToken))
            .OrderBy(p => candidates.IndexOf(p.Id))
            .Take(count)
            .ToList();

        if (related.Count < count && categoryId is { } category)
        {
            var known = related.Select(r => r.Id).Append(postId).ToList();
            related.AddRange(await published.Where(p => p.CategoryId == category && !known.Contains(p.Id))
                .NewestFirst().Take(count - related.Count).ToSummaries().ToListAsync(cancellationToken));
        }
        return related;
    }

    /// <summary>Post ids, most shared tags first, then the newest.</summary>
    private static Task<List<int>> RankedByTagsAsync(BlogDbContext db, int postId, IReadOnlyList<int> tagIds, CancellationToken cancellationToken) =>
        db.Database.IsSqlite() ? RankedOnSqliteAsync(db, postId, tagIds, cancellationToken) : RankedExactlyAsync(db, postId, tagIds, cancellationToken);

    /// <summary>
    /// On SQLite the candidates are each tag's latest links: the index on TagsId holds (TagsId,
    /// rowid), so reading it backwards is the latest links without touching a row, where ordering
    /// by PostsId would read all 10,000 of a common tag's rows and sort them. Shared tags are then
    /// counted exactly for those candidates, through the primary key (PostsId, TagsId).
    /// </summary>
    private static Task<List<int>> RankedOnSqliteAsync(BlogDbContext db, int postId, IReadOnlyList<int> tagIds, CancellationToken cancellationToken)
    {
        // {0} is the post, {1} the limit, {2}... the tags: EF makes each a parameter.
        var tags = string.Join(", ", tagIds.Select((_, i) => $"{{{i + 2}}}"));
        var latest = string.Join(" UNION ", tagIds.Select((_, i) =>
            $$"""SELECT "PostsId" FROM (SELECT "PostsId" FROM "PostTags" WHERE "TagsId" = {{{i + 2}}} ORDER BY rowid DESC LIMIT {{CandidatesPerTag}})"""));
        var sql = $$"""
            SELECT l."PostsId" AS "Value" FROM "PostTags" AS l
            WHERE l."PostsId" IN ({{latest}}) AND l."TagsId" IN ({{tags}}) AND l."PostsId" <> {0}
            GROUP BY l."PostsId" ORDER BY COUNT(*) DESC, l."PostsId" DESC LIMIT {1}
            """;
        object[] parameters = [postId, Ranked, .. tagIds.Cast<object>()];
        return db.Database.SqlQueryRaw<int>(sql, parameters).ToListAsync(cancellationToken);
    }

    /// <summary>Other databases: shared tags counted over every post that has one of them.</summary>
    private static Task<List<int>> RankedExactlyAsync(BlogDbContext db, int postId, IReadOnlyList<int> tagIds, CancellationToken cancellationToken) =>
        db.Set<Dictionary<string, object>>("PostTags")
            .Where(l => tagIds.Contains(EF.Property<int>(l, "TagsId")) && EF.Property<int>(l, "PostsId") != postId)
            .GroupBy(l => EF.Property<int>(l, "PostsId"))
            .Select(g => new { Id = g.Key, Shared = g.Count() })
            .OrderByDescending(c => c.Shared).ThenByDescending(c => c.Id)
            .Take(Ranked)
            .Select(c => c.Id)
            .ToListAsync(cancellationToken);
}
