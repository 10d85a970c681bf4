using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Blog.Migrations
{
    /// <inheritdoc />
    public partial class SearchIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PlainText",
                table: "Posts",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            // Full-text index of posts (rowid = post id), written by the app in each save's own
            // transaction with its CJK-aware tokens (see src/Search). Posts rendered by the
            // previous pipeline version are re-rendered, and so indexed, at the next start.
            migrationBuilder.Sql(
                "CREATE VIRTUAL TABLE PostSearch USING fts5(title_uni, title_bi, uni, bi, tokenize = 'unicode61 remove_diacritics 2');");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE PostSearch;");

            migrationBuilder.DropColumn(
                name: "PlainText",
                table: "Posts");
        }
    }
}
