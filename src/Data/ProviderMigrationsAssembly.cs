using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Internal;

namespace Blog.Data;

/// <summary>
/// Each provider has its own migrations and snapshot in this one assembly, told apart by
/// namespace: <c>Blog.Migrations</c> (SQLite, applied on users' databases since the first
/// release, so never moved) and <c>Blog.Migrations.Postgres</c>. EF would otherwise see both sets.
/// </summary>
#pragma warning disable EF1001 // MigrationsAssembly is EF's own implementation; we only filter what it finds.
internal sealed class ProviderMigrationsAssembly(
    ICurrentDbContext currentContext,
    IDbContextOptions options,
    IMigrationsIdGenerator idGenerator,
    IDiagnosticsLogger<DbLoggerCategory.Migrations> logger)
    : MigrationsAssembly(currentContext, options, idGenerator, logger)
{
    public const string SqliteNamespace = "Blog.Migrations";
    public const string PostgresNamespace = "Blog.Migrations.Postgres";

    private readonly string _namespace = DatabaseDialect.Of(options).MigrationsNamespace;

    private IReadOnlyDictionary<string, TypeInfo>? _migrations;
    private ModelSnapshot? _snapshot;
    private bool _snapshotLooked;

    public override IReadOnlyDictionary<string, TypeInfo> Migrations =>
        _migrations ??= base.Migrations.Where(m => m.Value.Namespace == _namespace)
            .ToDictionary(m => m.Key, m => m.Value);

    public override ModelSnapshot? ModelSnapshot
    {
        get
        {
            if (!_snapshotLooked)
            {
                var type = Assembly.GetTypes().FirstOrDefault(t => !t.IsAbstract &&
                    t.IsSubclassOf(typeof(ModelSnapshot)) && t.Namespace == _namespace
                    && t.GetCustomAttribute<DbContextAttribute>()?.ContextType == typeof(BlogDbContext));
                _snapshot = type is null ? null : (ModelSnapshot)Activator.CreateInstance(type)!;
                _snapshotLooked = true;
            }
            return _snapshot;
        }
    }
}
#pragma warning restore EF1001
