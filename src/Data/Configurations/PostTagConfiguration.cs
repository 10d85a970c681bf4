using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Blog.Data.Configurations;

/// <summary>
/// The table, columns and keys EF made for the many-to-many before the link had a class
/// (PostsId, TagsId, key on both, an index on TagsId): sites' databases keep them as they are.
/// </summary>
internal sealed class PostTagConfiguration : IEntityTypeConfiguration<PostTag>
{
    public void Configure(EntityTypeBuilder<PostTag> link)
    {
        link.ToTable("PostTags");
        link.Property(l => l.PostId).HasColumnName("PostsId");
        link.Property(l => l.TagId).HasColumnName("TagsId");
        link.HasKey(l => new { l.PostId, l.TagId });
    }
}
