using System.Data.Common;
using Blog.Data;
using Microsoft.EntityFrameworkCore;

namespace Blog.Search;

/// <summary>
/// The FTS5 table <c>PostSearch</c> (rowid = post id; created by the SearchIndex migration), with
/// four columns of our tokens: title and body, each as single characters and as pairs.
/// </summary>
internal sealed class SqliteSearchIndex : ISearchIndex
{
    public static readonly SqliteSearchIndex Instance = new();

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

    // The two queries below start from the full-text table (CROSS JOIN keeps SQLite from walking
    // every post and asking the index about each: seconds at 100,000 posts instead of milliseconds),
    // then apply the publishing rules of PostQueries.Published to the matches.
    private const string PublicMatches = """
        FROM PostSearch CROSS JOIN Posts AS p ON p.Id = PostSearch.rowid
        WHERE PostSearch MATCH {0}
          AND p.Status IN ('Published', 'Scheduled') AND p.PublishedAt <= {1} AND p.DeletedAt IS NULL
        """;

    private const string CountSql = "SELECT count(*) AS Value FROM (SELECT 1 " + PublicMatches + " LIMIT {2})";

    // bm25 weights: the title columns count ten times the body, so title matches rank first.
    private const string PageSql = "SELECT PostSearch.rowid AS Value " + PublicMatches
        + " ORDER BY bm25(PostSearch, 10.0, 10.0, 1.0, 1.0), p.PublishedAt DESC LIMIT {2} OFFSET {3}";

    public async Task<int> CountAsync(BlogDbContext db, SearchQuery query, DateTime now, int limit, CancellationToken cancellationToken) =>
        await db.Database.SqlQueryRaw<int>(CountSql, query.FtsExpression!, now, limit + 1).SingleAsync(cancellationToken);

    public async Task<List<int>> PageAsync(BlogDbContext db, SearchQuery query, DateTime now, int skip, int take, CancellationToken cancellationToken) =>
        await db.Database.SqlQueryRaw<int>(PageSql, query.FtsExpression!, now, take, skip).ToListAsync(cancellationToken);

    // bm25 weights: the title columns count ten times the body, so title matches rank first.
    public IQueryable<SearchHit> Match(BlogDbContext db, SearchQuery query) => db.Database.SqlQuery<SearchHit>(
        $"SELECT rowid AS Id, bm25(PostSearch, 10.0, 10.0, 1.0, 1.0) AS Rank FROM PostSearch WHERE PostSearch MATCH {query.FtsExpression}");
}
