using System.Data.Common;
using System.Text;

namespace Blog.Search;

/// <summary>
/// Writes the FTS5 table <c>PostSearch</c> (rowid = post id; created by the SearchIndex migration). It uses the connection and
/// transaction it is given, so the index changes in the same transaction as the post.
/// Every post is indexed; visibility (drafts, schedule, trash) is applied when searching.
/// </summary>
public static class SearchIndex
{
    private const string PostsSql = """
        SELECT p.Id, p.Title, COALESCE(p.Summary, ''), p.PlainText, COALESCE(c.Name, ''),
               COALESCE((SELECT group_concat(t.Name, ' ') FROM PostTags pt JOIN Tags t ON t.Id = pt.TagsId WHERE pt.PostsId = p.Id), '')
        FROM Posts p LEFT JOIN Categories c ON c.Id = p.CategoryId
        WHERE p.Id IN ({0})
        """;

    public static async Task UpdateAsync(DbConnection connection, DbTransaction? transaction, IReadOnlyCollection<int> postIds, CancellationToken cancellationToken = default)
    {
        foreach (var chunk in postIds.Distinct().Chunk(500))
        {
            var idList = string.Join(',', chunk); // integers only: safe to inline
            var rows = new List<(int Id, string Title, string Body)>();
            await using (var select = Command(connection, transaction, string.Format(PostsSql, idList)))
            await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    var body = string.Join('\n', reader.GetString(2), reader.GetString(4), reader.GetString(5), reader.GetString(3));
                    rows.Add((reader.GetInt32(0), reader.GetString(1), body));
                }
            }

            await using (var delete = Command(connection, transaction, $"DELETE FROM PostSearch WHERE rowid IN ({idList})"))
                await delete.ExecuteNonQueryAsync(cancellationToken);

            foreach (var (id, title, body) in rows)
            {
                var foldedTitle = ChineseVariants.Fold(title);
                var foldedBody = ChineseVariants.Fold(body);
                await using var insert = Command(connection, transaction,
                    "INSERT INTO PostSearch(rowid, title_uni, title_bi, uni, bi) VALUES ($id, $tu, $tb, $u, $b)");
                Add(insert, "$id", id);
                Add(insert, "$tu", SearchTokens.Unigrams(foldedTitle));
                Add(insert, "$tb", SearchTokens.Bigrams(foldedTitle));
                Add(insert, "$u", SearchTokens.Unigrams(foldedBody));
                Add(insert, "$b", SearchTokens.Bigrams(foldedBody));
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }

    /// <summary>Indexes every post again, in batches, in one transaction per batch.</summary>
    public static async Task<int> RebuildAsync(DbConnection connection, CancellationToken cancellationToken = default)
    {
        if (connection.State != System.Data.ConnectionState.Open)
            await connection.OpenAsync(cancellationToken);
        var ids = new List<int>();
        await using (var select = Command(connection, null, "SELECT Id FROM Posts ORDER BY Id"))
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
            while (await reader.ReadAsync(cancellationToken))
                ids.Add(reader.GetInt32(0));

        await using (var clear = Command(connection, null, "DELETE FROM PostSearch"))
            await clear.ExecuteNonQueryAsync(cancellationToken);
        foreach (var batch in ids.Chunk(1000))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await UpdateAsync(connection, transaction, batch, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        // Search results are cached by the running site: a new content version tells it to drop them.
        await using (var stamp = Command(connection, null,
            "INSERT OR REPLACE INTO Settings(Key, Value) VALUES ('_content_version', lower(hex(randomblob(16))))"))
            await stamp.ExecuteNonQueryAsync(cancellationToken);
        return ids.Count;
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
