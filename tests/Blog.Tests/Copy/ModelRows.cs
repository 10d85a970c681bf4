using System.Globalization;
using Blog.Data;
using Microsoft.EntityFrameworkCore;

namespace Blog.Tests.Copy;

/// <summary>
/// Every row of every table of the model, read through EF as the site reads it, one line per row
/// ("Id=3; Slug=...; Version=..."), so two databases can be compared table by table, including
/// tables added after this test was written.
/// </summary>
public static class ModelRows
{
    public static async Task<SortedDictionary<string, List<string>>> ReadAsync(BlogDbContext db)
    {
        var tables = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var entityType in db.Model.GetEntityTypes().Where(t => t.BaseType is null && !t.IsOwned()))
        {
            var set = entityType.HasSharedClrType
                ? typeof(DbContext).GetMethod(nameof(DbContext.Set), [typeof(string)])!.MakeGenericMethod(entityType.ClrType).Invoke(db, [entityType.Name])
                : typeof(DbContext).GetMethod(nameof(DbContext.Set), Type.EmptyTypes)!.MakeGenericMethod(entityType.ClrType).Invoke(db, null);
            var rows = new List<string>();
            foreach (var entity in await ((IQueryable<object>)set!).ToListAsync())
                rows.Add(string.Join("; ", db.Entry(entity).Properties.OrderBy(p => p.Metadata.Name, StringComparer.Ordinal)
                    .Select(p => $"{p.Metadata.Name}={Format(p.CurrentValue)}")));
            rows.Sort(StringComparer.Ordinal);
            tables[entityType.GetTableName() ?? entityType.Name] = rows;
        }
        return tables;
    }

    /// <summary>Times to the microsecond, which is what PostgreSQL's timestamptz keeps (SQLite's text keeps a tenth of one more).</summary>
    private static string Format(object? value) => value switch
    {
        null => "NULL",
        DateTime time => new DateTime(time.Ticks - time.Ticks % 10, time.Kind).ToString("O", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
