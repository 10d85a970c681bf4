using System.Data.Common;
using Blog.Data;
using Blog.Posts;
using Microsoft.EntityFrameworkCore;

namespace Blog.Search;

/// <summary>
/// The FTS5 table <c>PostSearch</c> (rowid = post id; created by the SearchIndex migration), with
/// four columns of our tokens: title and body, each as single characters and as pairs.
/// </summary>
/// <param name="rankingWindow">How many of the newest matches are ranked (see PageSql).</param>
internal sealed class SqliteSearchIndex(int rankingWindow) : ISearchIndex
{
    // The window covers every result page the reader can reach (the count stops at CountLimit).
    public static readonly SqliteSearchIndex Instance = new(PostSearch.CountLimit + PostSearch.PageSize);

    public async Task WriteAsync(DbConnection connection, DbTransaction? transaction, IReadOnlyCollection<int> postIds,
        IReadOnlyList<IndexedPost> posts, CancellationToken cancellationToken)
    {
        await using (var delete = SearchIndex.Command(connection, transaction, $"DELETE FROM PostSearch WHERE rowid IN ({string.Join(',', postIds)})"))
            await delete.ExecuteNonQueryAsync(cancellationToken);

        foreach (var post in posts)
        {
            await using var insert = SearchIndex.Command(connection, transaction,
                "INSERT INTO PostSearch(rowid, title_uni, title_bi, uni, bi) VALUES ($id, $tu, $tb, $u, $b)");
            SearchIndex.Add(insert, "$id", post.Id);
            SearchIndex.Add(insert, "$tu", SearchTokens.Unigrams(post.Title));
            SearchIndex.Add(insert, "$tb", SearchTokens.Bigrams(post.Title));
            SearchIndex.Add(insert, "$u", SearchTokens.Unigrams(post.Body));
            SearchIndex.Add(insert, "$b", SearchTokens.Bigrams(post.Body));
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    // Every query starts from the full-text table (CROSS JOIN keeps SQLite from walking every post
    // and asking the index about each), then asks IX_Posts_Visibility whether a match is public
    // (PostQueries.PublishedSql): that index holds the answer, so no large post row is read.
    private static readonly string CountSql = $$"""
        SELECT count(*) AS Value FROM (
            SELECT 1 FROM PostSearch CROSS JOIN Posts AS p INDEXED BY IX_Posts_Visibility ON p.Id = PostSearch.rowid
            WHERE PostSearch MATCH {0}
              AND {{PostQueries.PublishedSql("{1}")}}
            LIMIT {2})
        """;

    // Ranking every match of a word that nearly every note holds (bm25 over 100,000 rows) costs
    // hundreds of milliseconds, and the reader pages through the first thousand at most. So the
    // candidates are the newest public matches of the whole query ({0}) and, apart, the newest
    // whose title matches ({1}), each up to a window ({3}); title matches come first, then bm25
    // (title columns weigh ten times the body). Below the window that is every match, ranked exactly.
    private static readonly string PageSql = $$"""
        SELECT Id AS Value FROM (
            SELECT * FROM (
                SELECT PostSearch.rowid AS Id, bm25(PostSearch, 10.0, 10.0, 1.0, 1.0) - 1000000.0 AS SortKey, p.PublishedAt
                FROM PostSearch CROSS JOIN Posts AS p INDEXED BY IX_Posts_Visibility ON p.Id = PostSearch.rowid
                WHERE PostSearch MATCH {1}
                  AND {{PostQueries.PublishedSql("{2}")}}
                ORDER BY PostSearch.rowid DESC LIMIT {3})
            UNION ALL
            SELECT * FROM (
                SELECT PostSearch.rowid AS Id, bm25(PostSearch, 10.0, 10.0, 1.0, 1.0) AS SortKey, p.PublishedAt
                FROM PostSearch CROSS JOIN Posts AS p INDEXED BY IX_Posts_Visibility ON p.Id = PostSearch.rowid
                WHERE PostSearch MATCH {0}
                  AND {{PostQueries.PublishedSql("{2}")}}
                ORDER BY PostSearch.rowid DESC LIMIT {3}))
        GROUP BY Id ORDER BY min(SortKey), PublishedAt DESC LIMIT {4} OFFSET {5}
        """;

    public IQueryable<int> Matching(BlogDbContext db, SearchQuery query) =>
        db.Database.SqlQueryRaw<int>("SELECT rowid AS Value FROM PostSearch WHERE PostSearch MATCH {0}", query.FtsExpression!);

    public async Task<int> CountAsync(BlogDbContext db, SearchQuery query, DateTime now, int limit, CancellationToken cancellationToken) =>
        await db.Database.SqlQueryRaw<int>(CountSql, query.FtsExpression!, now, limit + 1).SingleAsync(cancellationToken);

    public async Task<List<int>> PageAsync(BlogDbContext db, SearchQuery query, DateTime now, int skip, int take, CancellationToken cancellationToken) =>
        await db.Database.SqlQueryRaw<int>(PageSql, query.FtsExpression!, query.FtsTitleExpression!, now, rankingWindow, take, skip)
            .ToListAsync(cancellationToken);
}
