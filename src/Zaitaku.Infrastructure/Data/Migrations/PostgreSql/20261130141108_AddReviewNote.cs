using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Zaitaku.Infrastructure.Data.Migrations.PostgreSql
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
                type: "character varying(2000)",
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
