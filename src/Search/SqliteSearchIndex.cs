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

    // bm25 weights: the title columns count ten times the body, so title matches rank first.
    public IQueryable<SearchHit> Match(BlogDbContext db, SearchQuery query) => db.Database.SqlQuery<SearchHit>(
        $"SELECT rowid AS Id, bm25(PostSearch, 10.0, 10.0, 1.0, 1.0) AS Rank FROM PostSearch WHERE PostSearch MATCH {query.FtsExpression}");
}
