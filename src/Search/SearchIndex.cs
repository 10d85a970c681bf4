using System.Data.Common;
using Blog.Data;
using Microsoft.EntityFrameworkCore;

namespace Blog.Search;

/// <summary>
/// Keeps the search index of posts, on either provider (see <see cref="ISearchIndex"/>). It uses
/// the connection and transaction it is given, so the index changes in the same transaction as
/// the post. Every post is indexed; visibility (drafts, schedule, trash) is applied when searching.
/// </summary>
public static class SearchIndex
{
    // Quoted identifiers: PostgreSQL folds unquoted ones to lower case, SQLite accepts both.
    private const string PostsSql = """
        SELECT p."Id", p."Title", COALESCE(p."Summary", ''), p."PlainText", COALESCE(c."Name", '')
        FROM "Posts" p LEFT JOIN "Categories" c ON c."Id" = p."CategoryId"
        WHERE p."Id" IN ({0})
        """;

    private const string TagsSql = """
        SELECT pt."PostsId", t."Name" FROM "PostTags" pt JOIN "Tags" t ON t."Id" = pt."TagsId"
        WHERE pt."PostsId" IN ({0}) ORDER BY pt."PostsId", t."Id"
        """;

    public static async Task UpdateAsync(ISearchIndex index, DbConnection connection, DbTransaction? transaction, IReadOnlyCollection<int> postIds,
        CancellationToken cancellationToken = default)
    {
        foreach (var chunk in postIds.Distinct().Chunk(500))
        {
            var idList = string.Join(',', chunk); // integers only: safe to inline
            var tags = new Dictionary<int, List<string>>();
            await using (var select = Command(connection, transaction, string.Format(TagsSql, idList)))
            await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    var postId = reader.GetInt32(0);
                    if (!tags.TryGetValue(postId, out var names))
                        tags[postId] = names = [];
                    names.Add(reader.GetString(1));
                }
            }

            var rows = new List<IndexedPost>();
            await using (var select = Command(connection, transaction, string.Format(PostsSql, idList)))
            await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    var id = reader.GetInt32(0);
                    var tagNames = tags.TryGetValue(id, out var names) ? string.Join(' ', names) : "";
                    var body = string.Join('\n', reader.GetString(2), reader.GetString(4), tagNames, reader.GetString(3));
                    rows.Add(new IndexedPost(id, ChineseVariants.Fold(reader.GetString(1)), ChineseVariants.Fold(body)));
                }
            }

            await index.WriteAsync(connection, transaction, chunk, rows, cancellationToken);
        }
    }

    /// <summary>Indexes every post again, in batches, in one transaction per batch.</summary>
    public static async Task<int> RebuildAsync(BlogDbContext db, CancellationToken cancellationToken = default)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
            await connection.OpenAsync(cancellationToken);
        var ids = new List<int>();
        await using (var select = Command(connection, null, """SELECT "Id" FROM "Posts" ORDER BY "Id" """))
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
            while (await reader.ReadAsync(cancellationToken))
                ids.Add(reader.GetInt32(0));

        await using (var clear = Command(connection, null, "DELETE FROM PostSearch"))
            await clear.ExecuteNonQueryAsync(cancellationToken);
        foreach (var batch in ids.Chunk(1000))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await UpdateAsync(db.Dialect.Search, connection, transaction, batch, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        // Search results are cached by the running site: a new content version tells it to drop them.
        await using (var stamp = Command(connection, null,
            """INSERT INTO "Settings"("Key", "Value") VALUES (@key, @value) ON CONFLICT ("Key") DO UPDATE SET "Value" = excluded."Value" """))
        {
            Add(stamp, "@key", Caching.ContentVersion.Key);
            Add(stamp, "@value", Guid.NewGuid().ToString("N"));
            await stamp.ExecuteNonQueryAsync(cancellationToken);
        }
        return ids.Count;
    }

    internal static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    internal static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
