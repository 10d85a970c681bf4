using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Blog.Data.Configurations;

internal sealed class MediaConfiguration : IEntityTypeConfiguration<Media>
{
    public void Configure(EntityTypeBuilder<Media> media)
    {
        media.Property(m => m.FileName).HasMaxLength(200);
        media.Property(m => m.OriginalName).HasMaxLength(500);
        media.Property(m => m.ContentType).HasMaxLength(100);
        media.Property(m => m.Sha256).HasMaxLength(64);
        media.Property(m => m.Description).HasMaxLength(1000);
        media.HasIndex(m => m.Sha256).IsUnique();
        media.HasIndex(m => m.FileName).IsUnique();
    }
}
