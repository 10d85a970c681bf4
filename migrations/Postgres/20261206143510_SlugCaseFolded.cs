using Blog.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Blog.Migrations.Postgres
{
    /// <summary>
    /// An index on lower("Slug"): a slug is unique whatever its case, and an article asked for in
    /// another casing answers 301 to the stored one (PostSlugs). Checking that at every save and
    /// import, and on every unknown article URL, must not read the whole table. An expression index
    /// is outside EF's model (the snapshot does not change); not unique, so a database holding two
    /// slugs that differ only in case (possible before) still migrates, and both keep their URLs.
    /// </summary>
    [DbContext(typeof(BlogDbContext))]
    [Migration("20261206143510_SlugCaseFolded")]
    public partial class SlugCaseFolded : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql("CREATE INDEX \"IX_Posts_SlugFolded\" ON \"Posts\" (lower(\"Slug\"));");

        protected override void Down(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql("DROP INDEX \"IX_Posts_SlugFolded\";");
    }
}
