using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Zaitaku.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddForms : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Form",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Key = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Introduction = table.Column<string>(type: "TEXT", nullable: true),
                    FieldsJson = table.Column<string>(type: "TEXT", nullable: false),
                    SubmitLabel = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    ThankYouMessage = table.Column<string>(type: "TEXT", nullable: false),
                    NotifyEmail = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    ConfirmToSubmitter = table.Column<bool>(type: "INTEGER", nullable: false),
                    Capacity = table.Column<int>(type: "INTEGER", nullable: true),
                    ConfirmedCount = table.Column<int>(type: "INTEGER", nullable: false),
                    ClosesAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    WaitingList = table.Column<bool>(type: "INTEGER", nullable: false),
                    RetentionDays = table.Column<int>(type: "INTEGER", nullable: false),
                    PrivacyNotice = table.Column<string>(type: "TEXT", nullable: true),
                    OnEveryPage = table.Column<bool>(type: "INTEGER", nullable: false),
                    EntryAssociationKeys = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Form", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "FormEntry",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Key = table.Column<Guid>(type: "TEXT", nullable: false),
                    FormId = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    PageUrl = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ProtectedValues = table.Column<string>(type: "TEXT", nullable: false),
                    HandledUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    HandledBy = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FormEntry", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FormEntry_Form_FormId",
                        column: x => x.FormId,
                        principalTable: "Form",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Form_Key",
                table: "Form",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FormEntry_FormId_CreatedUtc",
                table: "FormEntry",
                columns: new[] { "FormId", "CreatedUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_FormEntry_Key",
                table: "FormEntry",
                column: "Key",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FormEntry");

            migrationBuilder.DropTable(
                name: "Form");
        }
    }
}
