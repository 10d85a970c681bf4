using System.Data.Common;
using Blog.Data;
using Blog.Posts;
using Microsoft.EntityFrameworkCore;
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

    /// <summary>How many public posts match, counted up to <paramref name="limit"/> + 1.</summary>
    async Task<int> CountAsync(BlogDbContext db, SearchQuery query, DateTime now, int limit, CancellationToken cancellationToken) =>
        await Match(db, query).Join(db.Posts.Published(now), h => h.Id, p => p.Id, (h, p) => h.Id)
            .Take(limit + 1).CountAsync(cancellationToken);

    /// <summary>The ids of one page of public matches, best first (newer first among equals).</summary>
    async Task<List<int>> PageAsync(BlogDbContext db, SearchQuery query, DateTime now, int skip, int take, CancellationToken cancellationToken) =>
        await Match(db, query).Join(db.Posts.Published(now), h => h.Id, p => p.Id, (h, p) => new { h.Id, h.Rank, p.PublishedAt })
            .OrderBy(m => m.Rank).ThenByDescending(m => m.PublishedAt)
            .Skip(skip).Take(take).Select(m => m.Id).ToListAsync(cancellationToken);

    public static ISearchIndex For(DbConnection connection) =>
        connection is NpgsqlConnection ? PostgresSearchIndex.Instance : SqliteSearchIndex.Instance;
}
