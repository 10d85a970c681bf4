using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Blog.Data.Configurations;

internal sealed class SlugRedirectConfiguration : IEntityTypeConfiguration<SlugRedirect>
{
    public void Configure(EntityTypeBuilder<SlugRedirect> redirect)
    {
        redirect.Property(r => r.Slug).HasMaxLength(200);
        redirect.HasIndex(r => r.Slug).IsUnique();
    }
}
