using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Blog.Data.Configurations;

internal sealed class CategoryConfiguration : IEntityTypeConfiguration<Category>
{
    public void Configure(EntityTypeBuilder<Category> category)
    {
        category.Property(c => c.Name).HasMaxLength(100);
        category.Property(c => c.Slug).HasMaxLength(200);
        category.Property(c => c.Description).HasMaxLength(1000);
        category.HasIndex(c => c.Slug).IsUnique();
        category.HasIndex(c => c.Name).IsUnique();
    }
}
