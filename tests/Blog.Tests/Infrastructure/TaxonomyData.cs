using Blog.Data;

namespace Blog.Tests.Infrastructure;

/// <summary>Categories and tags made straight in the database, for tests about what the admin does with them.</summary>
public static class TaxonomyData
{
    /// <summary>A suffix that keeps names and slugs unique in a database shared by a test class.</summary>
    public static string Unique() => Guid.NewGuid().ToString("N")[..6];

    public static Task<Category> AddCategoryAsync(this BlogAppFactory app, string name, string slug, int order = 100) =>
        app.WithDbAsync(async db =>
        {
            var category = new Category { Name = name, Slug = slug, Order = order };
            db.Categories.Add(category);
            await db.SaveChangesAsync();
            return category;
        });

    public static Task<Tag> AddTagAsync(this BlogAppFactory app, string name, string slug) =>
        app.WithDbAsync(async db =>
        {
            var tag = new Tag { Name = name, Slug = slug };
            db.Tags.Add(tag);
            await db.SaveChangesAsync();
            return tag;
        });
}
