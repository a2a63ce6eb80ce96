using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Zaitaku.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddReviewNote : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Note",
                table: "ReviewRequest",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Note",
                table: "ReviewRequest");
        }
    }
}
