using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Blog.Data;
using Blog.Posts;
using Microsoft.EntityFrameworkCore;

namespace Blog.Search;

/// <summary>
/// The table <c>postsearch</c> (created by the Postgres Initial migration): per post, a tsvector
/// of single characters (<c>uni</c>) and one of pairs and words (<c>bi</c>), each under a GIN
/// index. The vectors are written as tsvector literals of our own tokens, never through a text
/// search parser or dictionary, so every token is kept exactly as <see cref="SearchTokens"/> made
/// it; title tokens carry weight A, body tokens D, after a gap so no phrase spans the two.
/// </summary>
/// <remarks>
/// PostgreSQL's limits apply to phrases inside very long posts: positions stop at 16383 and a
/// token keeps at most 256 of them, so a phrase found only beyond those may be missed there.
/// Single words and two-character Chinese words need no position and are always found.
/// </remarks>
internal sealed class PostgresSearchIndex : ISearchIndex
{
    /// <summary>A post that matched, and its rank: lower ranks first.</summary>
    private sealed record SearchHit(int Id, double Rank);

    public static readonly PostgresSearchIndex Instance = new();

    private const int MaxPosition = 16383;
    private const int MaxPositionsPerToken = 256;
    private const int MaxTokenBytes = 2046;

    public async Task WriteAsync(DbConnection connection, DbTransaction? transaction, IReadOnlyCollection<int> postIds,
        IReadOnlyList<IndexedPost> posts, CancellationToken cancellationToken)
    {
        await using (var delete = SearchIndex.Command(connection, transaction, $"DELETE FROM postsearch WHERE post_id IN ({string.Join(',', postIds)})"))
            await delete.ExecuteNonQueryAsync(cancellationToken);

        foreach (var post in posts)
        {
            await using var insert = SearchIndex.Command(connection, transaction,
                "INSERT INTO postsearch(post_id, uni, bi) VALUES (@id, CAST(@uni AS tsvector), CAST(@bi AS tsvector))");
            SearchIndex.Add(insert, "@id", post.Id);
            SearchIndex.Add(insert, "@uni", Vector(SearchTokens.Unigrams(post.Title), SearchTokens.Unigrams(post.Body)));
            SearchIndex.Add(insert, "@bi", Vector(SearchTokens.Bigrams(post.Title), SearchTokens.Bigrams(post.Body)));
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Every clause must match (single characters in <c>uni</c>, phrases in <c>bi</c>). Posts
    /// whose title alone matches come first, then ts_rank, in which weight A (title) counts ten
    /// times weight D (body), like the SQLite index's bm25 weights.
    /// </summary>
    private static IQueryable<SearchHit> Match(BlogDbContext db, SearchQuery query)
    {
        var uni = TsQuery(query.Clauses.Where(c => c.SingleCharacter));
        var bi = TsQuery(query.Clauses.Where(c => !c.SingleCharacter));
        var where = new List<string>();
        var titleOnly = new List<string>();
        var rank = new List<string>();
        var args = new List<object>();
        foreach (var (column, tsquery) in new[] { ("uni", uni), ("bi", bi) })
        {
            if (tsquery is null)
                continue;
            var p = $"CAST({{{args.Count}}} AS tsquery)";
            args.Add(tsquery);
            where.Add($"{column} @@ {p}");
            titleOnly.Add($"ts_filter({column}, '{{a}}') @@ {p}");
            rank.Add($"ts_rank({column}, {p})");
        }
        var sql = $"""
            SELECT post_id AS "Id",
                   -(CASE WHEN {string.Join(" AND ", titleOnly)} THEN 1000.0 ELSE 0.0 END + {string.Join(" + ", rank)})::float8 AS "Rank"
            FROM postsearch WHERE {string.Join(" AND ", where)}
            """;
        return db.Database.SqlQuery<SearchHit>(FormattableStringFactory.Create(sql.Replace("{a}", "{{a}}"), args.ToArray()));
    }

    public IQueryable<int> Matching(BlogDbContext db, SearchQuery query) => Match(db, query).Select(h => h.Id);

    public async Task<int> CountAsync(BlogDbContext db, SearchQuery query, DateTime now, int limit, CancellationToken cancellationToken) =>
        await Match(db, query).Join(db.Posts.Published(now), h => h.Id, p => p.Id, (h, p) => h.Id)
            .Take(limit + 1).CountAsync(cancellationToken);

    public async Task<List<int>> PageAsync(BlogDbContext db, SearchQuery query, DateTime now, int skip, int take, CancellationToken cancellationToken) =>
        await Match(db, query).Join(db.Posts.Published(now), h => h.Id, p => p.Id, (h, p) => new { h.Id, h.Rank, p.PublishedAt })
            .OrderBy(m => m.Rank).ThenByDescending(m => m.PublishedAt)
            .Skip(skip).Take(take).Select(m => m.Id).ToListAsync(cancellationToken);

    /// <summary>Clauses ANDed; a clause of several tokens is a phrase (each token right after the one before).</summary>
    private static string? TsQuery(IEnumerable<SearchClause> clauses)
    {
        var parts = clauses.Select(c => "(" + string.Join(" <-> ", c.Tokens.Select(t => Quote(Normalize(t)))) + ")").ToList();
        return parts.Count == 0 ? null : string.Join(" & ", parts);
    }

    private static string Vector(string title, string body)
    {
        var positions = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var position = 0;
        void Add(string tokens, string weight)
        {
            foreach (var raw in tokens.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                position = Math.Min(position + 1, MaxPosition);
                var token = Normalize(raw);
                if (Encoding.UTF8.GetByteCount(token) > MaxTokenBytes)
                    continue;
                if (!positions.TryGetValue(token, out var list))
                    positions[token] = list = [];
                if (list.Count < MaxPositionsPerToken)
                    list.Add(position.ToString(CultureInfo.InvariantCulture) + weight);
            }
        }
        Add(title, "A");
        position++; // a gap: no phrase runs from the title into the body
        Add(body, "");
        return string.Join(' ', positions.Select(p => Quote(p.Key) + ":" + string.Join(',', p.Value.Distinct())));
    }

    /// <summary>What FTS5's unicode61 tokenizer (remove_diacritics 2) does to a token: lower case, no diacritics.</summary>
    private static string Normalize(string token)
    {
        var decomposed = token.ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
                sb.Append(c);
        }
        return sb.ToString().Normalize(NormalizationForm.FormC);
    }

    private static string Quote(string lexeme) => "'" + lexeme.Replace("\\", "\\\\").Replace("'", "''") + "'";
}
