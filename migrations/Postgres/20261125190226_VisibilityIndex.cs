using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Blog.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class VisibilityIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Posts_Visibility",
                table: "Posts",
                columns: new[] { "Id", "Status", "DeletedAt", "PublishedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Posts_Visibility",
                table: "Posts");
        }
    }
}
