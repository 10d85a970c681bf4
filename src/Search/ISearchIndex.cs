using System.Data.Common;
using Blog.Data;
using Npgsql;

namespace Blog.Search;

/// <summary>The text of one post as the index sees it: folded (traditional to simplified, lower case).</summary>
public sealed record IndexedPost(int Id, string Title, string Body);

/// <summary>A post that matched, and its rank: lower ranks first.</summary>
public sealed record SearchHit(int Id, double Rank);

/// <summary>
/// The one seam between search and the database: where our own tokens are stored and how a
/// <see cref="SearchQuery"/> is matched against them. SQLite keeps them in an FTS5 table,
/// PostgreSQL in tsvector columns under a GIN index; the tokens are the same.
/// </summary>
public interface ISearchIndex
{
    /// <summary>Replaces the entries of these posts (those missing from <paramref name="posts"/> are removed).</summary>
    Task WriteAsync(DbConnection connection, DbTransaction? transaction, IReadOnlyCollection<int> postIds,
        IReadOnlyList<IndexedPost> posts, CancellationToken cancellationToken);

    /// <summary>Posts matching every clause of the query, with their rank (title matches first).</summary>
    IQueryable<SearchHit> Match(BlogDbContext db, SearchQuery query);

    public static ISearchIndex For(DbConnection connection) =>
        connection is NpgsqlConnection ? PostgresSearchIndex.Instance : SqliteSearchIndex.Instance;
}
