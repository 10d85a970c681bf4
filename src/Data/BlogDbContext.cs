using Blog.Caching;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Blog.Data;

/// <summary>
/// The site's database. It also keeps the data-protection keys (see <see cref="Hosting.SharedKeys"/>),
/// so that every node of a site reads the keys another node wrote. Every save goes through
/// <see cref="ContentChange"/>: the search index, the content version and the caches follow it.
/// </summary>
/// <remarks>
/// The site's contexts are pooled (see <see cref="Hosting.DatabaseSetup"/>): a pooled context
/// takes only its options, and whatever else it keeps must hold for every lease.
/// </remarks>
public class BlogDbContext(DbContextOptions<BlogDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    /// <summary>What differs between SQLite and PostgreSQL, as chosen when these options were made.</summary>
    public DatabaseDialect Dialect { get; } = DatabaseDialect.Of(options);

    /// <summary>This process's caches of content, emptied after each save; none for a context made by hand (a copy, a test).</summary>
    internal ContentCaches? Caches { get; } = options.FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider?.GetService<ContentCaches>();

    /// <summary>The content version stamped by saves inside a caller's transaction, announced when it commits.</summary>
    internal string? UncommittedVersion { get; set; }

    public DbSet<Post> Posts => Set<Post>();
    public DbSet<Category> Categories => Set<Category>();
    public DbSet<Tag> Tags => Set<Tag>();
    public DbSet<PostTag> PostTags => Set<PostTag>();
    public DbSet<Revision> Revisions => Set<Revision>();
    public DbSet<SlugRedirect> SlugRedirects => Set<SlugRedirect>();
    public DbSet<Media> Media => Set<Media>();
    public DbSet<User> Users => Set<User>();
    public DbSet<Setting> Settings => Set<Setting>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default) =>
        ContentChange.SaveAsync(this, ct => base.SaveChangesAsync(acceptAllChangesOnSuccess, ct), cancellationToken);

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        ContentChange.SaveAsync(this, _ => Task.FromResult(base.SaveChanges(acceptAllChangesOnSuccess)), CancellationToken.None).GetAwaiter().GetResult();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(BlogDbContext).Assembly);

    protected override void ConfigureConventions(ModelConfigurationBuilder conventions)
    {
        // Every time is stored in UTC; SQLite keeps no kind, so give it back on the way out.
        conventions.Properties<DateTime>().HaveConversion<UtcConverter>();
        conventions.Properties<DateTime?>().HaveConversion<UtcConverter>();
    }

    private sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
