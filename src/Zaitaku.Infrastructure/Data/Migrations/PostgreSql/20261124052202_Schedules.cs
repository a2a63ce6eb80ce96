using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Zaitaku.Infrastructure.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Schedules : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "PublishAtUtc",
                table: "ContentNode",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "UnpublishAtUtc",
                table: "ContentNode",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_ContentNode_PublishAtUtc",
                table: "ContentNode",
                column: "PublishAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_ContentNode_UnpublishAtUtc",
                table: "ContentNode",
                column: "UnpublishAtUtc");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ContentNode_PublishAtUtc",
                table: "ContentNode");

            migrationBuilder.DropIndex(
                name: "IX_ContentNode_UnpublishAtUtc",
                table: "ContentNode");

            migrationBuilder.DropColumn(
                name: "PublishAtUtc",
                table: "ContentNode");

            migrationBuilder.DropColumn(
                name: "UnpublishAtUtc",
                table: "ContentNode");
        }
    }
}
