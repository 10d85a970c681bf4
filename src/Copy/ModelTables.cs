using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Blog.Copy;

/// <summary>
/// The tables of the model (entities, join tables such as PostTags, whatever a later migration
/// adds) in an order in which their rows can be inserted: every table after the tables its
/// foreign keys point at. Read from EF's relational model, so a new entity is copied without
/// anyone remembering to list it.
/// </summary>
internal static class ModelTables
{
    public static IReadOnlyList<ITable> InInsertOrder(IModel model)
    {
        var tables = model.GetRelationalModel().Tables
            .Where(t => t.EntityTypeMappings.Any())
            .OrderBy(t => t.SchemaQualifiedName, StringComparer.Ordinal)
            .ToList();
        var ordered = new List<ITable>();
        var placed = new HashSet<ITable>();
        var visiting = new HashSet<ITable>();

        void Place(ITable table)
        {
            if (placed.Contains(table))
                return;
            if (!visiting.Add(table))
                throw new InvalidOperationException(
                    $"The tables' foreign keys form a cycle through {table.Name}; copying them needs deferred constraints, which this copy does not do.");
            // A row pointing at a row of its own table (a parent post, say) is inserted in key
            // order, which holds for parents made before their children.
            foreach (var principal in table.ForeignKeyConstraints.Select(fk => fk.PrincipalTable).Where(p => p != table))
                Place(principal);
            visiting.Remove(table);
            placed.Add(table);
            ordered.Add(table);
        }

        foreach (var table in tables)
            Place(table);
        return ordered;
    }
}
