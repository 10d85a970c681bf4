using System.Data.Common;
using Blog.Data;
using Microsoft.EntityFrameworkCore;

namespace Blog.Search;

/// <summary>The text of one post as the index sees it: folded (traditional to simplified, lower case).</summary>
public sealed record IndexedPost(int Id, string Title, string Body);

/// <summary>
/// The one seam between search and the database: where our own tokens are stored and how a
/// <see cref="SearchQuery"/> is matched against them. SQLite keeps them in an FTS5 table,
/// PostgreSQL in tsvector columns under a GIN index; the tokens are the same. A context's
/// <see cref="DatabaseDialect.Search"/> is its index.
/// </summary>
public interface ISearchIndex
{
    /// <summary>Replaces the entries of these posts (those missing from <paramref name="posts"/> are removed).</summary>
    Task WriteAsync(DbConnection connection, DbTransaction? transaction, IReadOnlyCollection<int> postIds,
        IReadOnlyList<IndexedPost> posts, CancellationToken cancellationToken);

    /// <summary>How many public posts match, counted up to <paramref name="limit"/> + 1.</summary>
    Task<int> CountAsync(BlogDbContext db, SearchQuery query, DateTime now, int limit, CancellationToken cancellationToken);

    /// <summary>The ids of every post that matches, public or not: the admin's list filters and orders them itself.</summary>
    IQueryable<int> Matching(BlogDbContext db, SearchQuery query);

    /// <summary>The ids of one page of public matches: title matches first, then by rank, newer first among equals.</summary>
    Task<List<int>> PageAsync(BlogDbContext db, SearchQuery query, DateTime now, int skip, int take, CancellationToken cancellationToken);
}
