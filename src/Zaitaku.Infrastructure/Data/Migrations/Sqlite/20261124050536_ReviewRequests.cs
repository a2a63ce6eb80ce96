using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Zaitaku.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReviewRequests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ReviewRequest",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    NodeId = table.Column<int>(type: "INTEGER", nullable: false),
                    VersionId = table.Column<int>(type: "INTEGER", nullable: false),
                    RequestedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    RequestedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ReviewedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ReviewedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Comment = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewRequest", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReviewRequest_ContentNode_NodeId",
                        column: x => x.NodeId,
                        principalTable: "ContentNode",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ReviewRequest_ContentVersion_VersionId",
                        column: x => x.VersionId,
                        principalTable: "ContentVersion",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ReviewRequest_NodeId_State",
                table: "ReviewRequest",
                columns: new[] { "NodeId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_ReviewRequest_State_RequestedUtc",
                table: "ReviewRequest",
                columns: new[] { "State", "RequestedUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_ReviewRequest_VersionId",
                table: "ReviewRequest",
                column: "VersionId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReviewRequest");
        }
    }
}
