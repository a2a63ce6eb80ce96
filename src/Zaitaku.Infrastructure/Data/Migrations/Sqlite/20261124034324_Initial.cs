using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Zaitaku.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ContentNode",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Key = table.Column<Guid>(type: "TEXT", nullable: false),
                    ParentId = table.Column<int>(type: "INTEGER", nullable: true),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    ContentTypeAlias = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Trashed = table.Column<bool>(type: "INTEGER", nullable: false),
                    DraftVersionId = table.Column<int>(type: "INTEGER", nullable: true),
                    PublishedVersionId = table.Column<int>(type: "INTEGER", nullable: true),
                    PublishedUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContentNode", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ContentNode_ContentNode_ParentId",
                        column: x => x.ParentId,
                        principalTable: "ContentNode",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ContentVersion",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    NodeId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    UrlSegment = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    ValuesJson = table.Column<string>(type: "TEXT", nullable: false),
                    UpdatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContentVersion", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ContentVersion_ContentNode_NodeId",
                        column: x => x.NodeId,
                        principalTable: "ContentNode",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ContentNode_DraftVersionId",
                table: "ContentNode",
                column: "DraftVersionId");

            migrationBuilder.CreateIndex(
                name: "IX_ContentNode_Key",
                table: "ContentNode",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ContentNode_ParentId_SortOrder",
                table: "ContentNode",
                columns: new[] { "ParentId", "SortOrder" });

            migrationBuilder.CreateIndex(
                name: "IX_ContentNode_PublishedVersionId",
                table: "ContentNode",
                column: "PublishedVersionId");

            migrationBuilder.CreateIndex(
                name: "IX_ContentVersion_NodeId",
                table: "ContentVersion",
                column: "NodeId");

            migrationBuilder.AddForeignKey(
                name: "FK_ContentNode_ContentVersion_DraftVersionId",
                table: "ContentNode",
                column: "DraftVersionId",
                principalTable: "ContentVersion",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_ContentNode_ContentVersion_PublishedVersionId",
                table: "ContentNode",
                column: "PublishedVersionId",
                principalTable: "ContentVersion",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_ContentNode_ContentVersion_DraftVersionId",
                table: "ContentNode");

            migrationBuilder.DropForeignKey(
                name: "FK_ContentNode_ContentVersion_PublishedVersionId",
                table: "ContentNode");

            migrationBuilder.DropTable(
                name: "ContentVersion");

            migrationBuilder.DropTable(
                name: "ContentNode");
        }
    }
}
