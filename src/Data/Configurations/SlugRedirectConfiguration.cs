using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Blog.Data.Configurations;

internal sealed class SlugRedirectConfiguration : IEntityTypeConfiguration<SlugRedirect>
{
    public void Configure(EntityTypeBuilder<SlugRedirect> redirect)
    {
        redirect.Property(r => r.Slug).HasMaxLength(200);
        redirect.Property(r => r.Kind).HasConversion<string>().HasMaxLength(16);
        redirect.HasIndex(r => new { r.Kind, r.Slug }).IsUnique();
        redirect.HasIndex(r => new { r.Kind, r.TargetId });
    }
}
