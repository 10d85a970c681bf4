using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Blog.Data.Configurations;

internal sealed class PostConfiguration : IEntityTypeConfiguration<Post>
{
    public void Configure(EntityTypeBuilder<Post> post)
    {
        post.Property(p => p.Title).HasMaxLength(300);
        post.Property(p => p.Slug).HasMaxLength(200);
        post.Property(p => p.Excerpt).HasMaxLength(Content.Excerpts.MaxStored);
        post.Property(p => p.CoverImage).HasMaxLength(2000);
        post.Property(p => p.AutosaveTitle).HasMaxLength(300);
        post.Property(p => p.SourceKey).HasMaxLength(1000);
        post.Property(p => p.Language).HasMaxLength(16);
        post.Property(p => p.Status).HasConversion<string>().HasMaxLength(16);
        post.Property(p => p.Version).IsConcurrencyToken();

        post.HasIndex(p => p.Slug).IsUnique();
        post.HasIndex(p => p.SourceKey).IsUnique();
        // The public lists all filter on status/deletion and order by publication date. The rows
        // are large (Markdown, HTML), so counting published posts must be answerable from an
        // index alone, never by reading rows: hence the covering indexes with DeletedAt.
        post.HasIndex(p => new { p.Status, p.PublishedAt });
        post.HasIndex(p => new { p.CategoryId, p.PublishedAt });
        post.HasIndex(p => new { p.Status, p.DeletedAt, p.PublishedAt });
        post.HasIndex(p => new { p.CategoryId, p.Status, p.DeletedAt, p.PublishedAt });
        // The admin's lists (the dashboard's drafts and latest, the posts by last change) order by
        // UpdatedAt and filter on status: read from this index, not from rows whose status sits
        // past their text and HTML (seconds a page at 100,000 notes).
        post.HasIndex(p => new { p.DeletedAt, p.UpdatedAt, p.Status, p.PublishedAt });
        // Search joins its matches to posts by id only to ask whether each is public: this index
        // answers that without reading the large rows (SqliteSearchIndex names it).
        post.HasIndex(p => new { p.Id, p.Status, p.DeletedAt, p.PublishedAt }, "IX_Posts_Visibility");

        post.HasOne(p => p.Category).WithMany(c => c.Posts).OnDelete(DeleteBehavior.SetNull);
        post.HasMany(p => p.Tags).WithMany(t => t.Posts).UsingEntity<PostTag>(
            link => link.HasOne<Tag>().WithMany().HasForeignKey(l => l.TagId),
            link => link.HasOne<Post>().WithMany().HasForeignKey(l => l.PostId));
        post.HasMany(p => p.Revisions).WithOne(r => r.Post).OnDelete(DeleteBehavior.Cascade);
    }
}
