using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Blog.Migrations.Postgres
{
    /// <summary>
    /// Each post's script, zh-Hans or zh-Hant, and whether the author chose it. Existing posts start
    /// as zh-Hans; the next render (a save, or the re-render after a pipeline change) detects theirs.
    /// </summary>
    public partial class PostLanguage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Language",
                table: "Posts",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "zh-Hans");

            migrationBuilder.AddColumn<bool>(
                name: "LanguageChosen",
                table: "Posts",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Language",
                table: "Posts");

            migrationBuilder.DropColumn(
                name: "LanguageChosen",
                table: "Posts");
        }
    }
}
