using Blog.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Blog.Migrations.Postgres
{
    /// <summary>
    /// "Scheduled" is no longer stored: a published post whose publication time is still ahead is
    /// scheduled, and public once that time has come (PostQueries). Rows stored as Scheduled
    /// become Published with their time unchanged, so nothing a reader or the admin sees moves.
    /// Data only: the column and the model do not change.
    /// </summary>
    [DbContext(typeof(BlogDbContext))]
    [Migration("20261206200010_ScheduledDerived")]
    public partial class ScheduledDerived : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql("UPDATE \"Posts\" SET \"Status\" = 'Published' WHERE \"Status\" = 'Scheduled';");

        // The builds before this one stored a future publication as Scheduled.
        protected override void Down(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql("UPDATE \"Posts\" SET \"Status\" = 'Scheduled' WHERE \"Status\" = 'Published' AND \"PublishedAt\" > now();");
    }
}
