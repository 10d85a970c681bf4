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

    public static async Task<IReadOnlyList<PostSummary>> RelatedAsync(this BlogDbContext db, IQueryable<Post> published, DateTime nowUtc,
        int postId, int? categoryId, IReadOnlyList<int> tagIds, int count, CancellationToken cancellationToken)
    {
        var shown = tagIds.Count == 0 ? []
            : db.Database.IsSqlite() ? await RankedOnSqliteAsync(db, nowUtc, postId, tagIds, count, cancellationToken)
            : await RankedExactlyAsync(db, published, postId, tagIds, count, cancellationToken);
        // Only the few shown are read: a summary's excerpt lies past the Markdown and the HTML in each row.
        var related = shown.Count == 0 ? [] : (await db.Posts.Where(p => shown.Contains(p.Id)).ToSummaries().ToListAsync(cancellationToken))
            .OrderBy(p => shown.IndexOf(p.Id))
            .ToList();

        if (related.Count < count && categoryId is { } category)
        {
            var known = related.Select(r => r.Id).Append(postId).ToList();
            related.AddRange(await published.Where(p => p.CategoryId == category && !known.Contains(p.Id))
                .NewestFirst().Take(count - related.Count).ToSummaries().ToListAsync(cancellationToken));
        }
        return related;
    }

    /// <summary>
    /// Public post ids, most shared tags first, then the newest. On SQLite the candidates are each
    /// tag's latest links: the index on TagsId holds (TagsId, rowid), so reading it backwards gives
    /// them without touching a row, where ordering by PostsId would read and sort all 10,000 of a
    /// common tag's links. Shared tags are then counted exactly for those candidates through the
    /// primary key (PostsId, TagsId), and whether each is public is asked of the visibility index:
    /// without it (or without ANALYZE's statistics) SQLite reads the rows, whose status and dates lie
    /// past the Markdown and the HTML. The condition is <see cref="PostQueries.PublishedSql"/>.
    /// </summary>
    private static Task<List<int>> RankedOnSqliteAsync(BlogDbContext db, DateTime nowUtc, int postId, IReadOnlyList<int> tagIds, int count,
        CancellationToken cancellationToken)
    {
        // {0} the post, {1} how many, {2} now, {3}... the tags: EF makes each a parameter.
        var tags = string.Join(", ", tagIds.Select((_, i) => $"{{{i + 3}}}"));
        var latest = string.Join(" UNION ", tagIds.Select((_, i) =>
            $$"""SELECT "PostsId" FROM (SELECT "PostsId" FROM "PostTags" WHERE "TagsId" = {{{i + 3}}} ORDER BY rowid DESC LIMIT {{CandidatesPerTag}})"""));
        var sql = $$"""
            SELECT l."PostsId" AS "Value" FROM "PostTags" AS l
            JOIN "Posts" AS p INDEXED BY "IX_Posts_Visibility" ON p."Id" = l."PostsId"
            WHERE l."PostsId" IN ({{latest}}) AND l."TagsId" IN ({{tags}}) AND l."PostsId" <> {0}
              AND {{PostQueries.PublishedSql("{2}")}}
            GROUP BY l."PostsId" ORDER BY COUNT(*) DESC, l."PostsId" DESC LIMIT {1}
            """;
        object[] parameters = [postId, count, nowUtc, .. tagIds.Cast<object>()];
        return db.Database.SqlQueryRaw<int>(sql, parameters).ToListAsync(cancellationToken);
    }

    /// <summary>Other databases: shared tags counted over every post that has one of them.</summary>
    private static async Task<List<int>> RankedExactlyAsync(BlogDbContext db, IQueryable<Post> published, int postId, IReadOnlyList<int> tagIds, int count,
        CancellationToken cancellationToken)
    {
        var ranked = await db.Set<Dictionary<string, object>>("PostTags")
            .Where(l => tagIds.Contains(EF.Property<int>(l, "TagsId")) && EF.Property<int>(l, "PostsId") != postId)
            .GroupBy(l => EF.Property<int>(l, "PostsId"))
            .Select(g => new { Id = g.Key, Shared = g.Count() })
            .OrderByDescending(c => c.Shared).ThenByDescending(c => c.Id)
            .Take(count * 10)
            .Select(c => c.Id)
            .ToListAsync(cancellationToken);
        var visible = await published.Where(p => ranked.Contains(p.Id)).Select(p => p.Id).ToListAsync(cancellationToken);
        return ranked.Where(visible.Contains).Take(count).ToList();
    }
}
