using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Blog.Migrations
{
    /// <summary>
    /// An index for the admin's lists, which order posts by their last change and filter on status:
    /// without it they read every post (seconds at 100,000 notes, where a post's status sits past
    /// its text and HTML). Created at the first start after the upgrade.
    /// </summary>
    public partial class AdminListIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Posts_DeletedAt_UpdatedAt_Status_PublishedAt",
                table: "Posts",
                columns: new[] { "DeletedAt", "UpdatedAt", "Status", "PublishedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Posts_DeletedAt_UpdatedAt_Status_PublishedAt",
                table: "Posts");
        }
    }
}
