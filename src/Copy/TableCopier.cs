using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Blog.Copy;

/// <summary>
/// Copies the rows of one table, ids and all, from the source database to the target, in
/// multi-row INSERTs inside the target's transaction. Each value goes through EF's own type
/// mappings: read as the source provider stores it, turned back into the model's value (so a
/// SQLite TEXT time becomes a UTC DateTime, a TEXT Guid a Guid), and written as the target
/// stores it. Nothing here names a table or a column.
/// </summary>
internal sealed class TableCopier(DbContext source, DbTransaction sourceSnapshot, DbContext target, DbTransaction targetTransaction)
{
    // PostgreSQL takes at most 65,535 parameters in one statement; large rows (posts keep their
    // Markdown, HTML and text) are sent in smaller batches so one statement stays a few megabytes.
    private const int MaxParameters = 30_000;
    private const int MaxRowsPerBatch = 1_000;
    private const long MaxCharactersPerBatch = 4_000_000;

    private readonly ISqlGenerationHelper _sourceSql = source.GetService<ISqlGenerationHelper>();
    private readonly ISqlGenerationHelper _targetSql = target.GetService<ISqlGenerationHelper>();

    public async Task<long> CopyAsync(ITable targetTable, CancellationToken cancellationToken)
    {
        var sourceTable = source.Model.GetRelationalModel().Tables.SingleOrDefault(t => t.Name == targetTable.Name)
            ?? throw new InvalidOperationException($"The source database's model has no table {targetTable.Name}.");
        var columns = targetTable.Columns.Select(c => new CopiedColumn(
                sourceTable.FindColumn(c.Name) ?? throw new InvalidOperationException($"The source table {sourceTable.Name} has no column {c.Name}."),
                c))
            .ToList();
        var keys = targetTable.PrimaryKey?.Columns.Select(c => c.Name).ToList() ?? [columns[0].Name];

        await using var select = sourceSnapshot.Connection!.CreateCommand();
        select.Transaction = sourceSnapshot;
        select.CommandText = $"SELECT {string.Join(", ", columns.Select(c => _sourceSql.DelimitIdentifier(c.Name)))} " +
            $"FROM {_sourceSql.DelimitIdentifier(sourceTable.Name, sourceTable.Schema)} " +
            $"ORDER BY {string.Join(", ", keys.Select(k => _sourceSql.DelimitIdentifier(k)))}";
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);

        var insertInto = $"INSERT INTO {_targetSql.DelimitIdentifier(targetTable.Name, targetTable.Schema)} " +
            $"({string.Join(", ", columns.Select(c => _targetSql.DelimitIdentifier(c.Name)))}) VALUES ";
        var rowsPerBatch = Math.Clamp(MaxParameters / columns.Count, 1, MaxRowsPerBatch);
        var batch = new List<object?[]>(rowsPerBatch);
        long characters = 0, copied = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new object?[columns.Count];
            for (var i = 0; i < columns.Count; i++)
            {
                row[i] = columns[i].Read(reader, i);
                if (row[i] is string text)
                {
                    columns[i].Check(text, () => KeyOf(reader, columns, keys), targetTable.Name);
                    characters += text.Length;
                }
            }
            batch.Add(row);
            if (batch.Count == rowsPerBatch || characters >= MaxCharactersPerBatch)
            {
                copied += await InsertAsync(insertInto, columns, batch, cancellationToken);
                batch.Clear();
                characters = 0;
            }
        }
        if (batch.Count > 0)
            copied += await InsertAsync(insertInto, columns, batch, cancellationToken);
        return copied;
    }

    private async Task<int> InsertAsync(string insertInto, List<CopiedColumn> columns, List<object?[]> rows, CancellationToken cancellationToken)
    {
        await using var insert = targetTransaction.Connection!.CreateCommand();
        insert.Transaction = targetTransaction;
        var sql = new StringBuilder(insertInto);
        var n = 0;
        foreach (var row in rows)
        {
            sql.Append(row == rows[0] ? "(" : ", (");
            for (var i = 0; i < columns.Count; i++)
            {
                var name = "p" + n++;
                sql.Append(i == 0 ? "@" : ", @").Append(name);
                insert.Parameters.Add(columns[i].Parameter(insert, name, row[i]));
            }
            sql.Append(')');
        }
        insert.CommandText = sql.ToString();
        return await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string KeyOf(DbDataReader reader, List<CopiedColumn> columns, List<string> keys) =>
        string.Join(", ", keys.Select(k => $"{k}={reader.GetValue(columns.FindIndex(c => c.Name == k))}"));
}
