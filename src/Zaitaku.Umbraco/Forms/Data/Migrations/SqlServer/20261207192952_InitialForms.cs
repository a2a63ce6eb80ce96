using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Zaitaku.Web.Forms.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class InitialForms : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "zaitakuForm",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Key = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Introduction = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    FieldsJson = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    SubmitLabel = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    ThankYouMessage = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    NotifyEmail = table.Column<string>(type: "nvarchar(254)", maxLength: 254, nullable: true),
                    ConfirmToSubmitter = table.Column<bool>(type: "bit", nullable: false),
                    Capacity = table.Column<int>(type: "int", nullable: true),
                    ConfirmedCount = table.Column<int>(type: "int", nullable: false),
                    ClosesAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    WaitingList = table.Column<bool>(type: "bit", nullable: false),
                    RetentionDays = table.Column<int>(type: "int", nullable: false),
                    PrivacyNotice = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    OnEveryPage = table.Column<bool>(type: "bit", nullable: false),
                    EntryAssociationKeys = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UpdatedUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_zaitakuForm", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "zaitakuMailOutbox",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    To = table.Column<string>(type: "nvarchar(320)", maxLength: 320, nullable: false),
                    Subject = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    Body = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    SentUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Attempts = table.Column<int>(type: "int", nullable: false),
                    NextAttemptUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    LastError = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_zaitakuMailOutbox", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "zaitakuFormEntry",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Key = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ReceiptNumber = table.Column<string>(type: "nvarchar(24)", maxLength: 24, nullable: true),
                    FormId = table.Column<int>(type: "int", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Status = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    PageUrl = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    ProtectedValues = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    HandledUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    HandledBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_zaitakuFormEntry", x => x.Id);
                    table.ForeignKey(
                        name: "FK_zaitakuFormEntry_zaitakuForm_FormId",
                        column: x => x.FormId,
                        principalTable: "zaitakuForm",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_zaitakuForm_Key",
                table: "zaitakuForm",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_zaitakuFormEntry_FormId_CreatedUtc",
                table: "zaitakuFormEntry",
                columns: new[] { "FormId", "CreatedUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_zaitakuFormEntry_FormId_Status",
                table: "zaitakuFormEntry",
                columns: new[] { "FormId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_zaitakuFormEntry_Key",
                table: "zaitakuFormEntry",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_zaitakuFormEntry_ReceiptNumber",
                table: "zaitakuFormEntry",
                column: "ReceiptNumber",
                unique: true,
                filter: "[ReceiptNumber] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_zaitakuMailOutbox_SentUtc_NextAttemptUtc",
                table: "zaitakuMailOutbox",
                columns: new[] { "SentUtc", "NextAttemptUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_zaitakuMailOutbox_To_CreatedUtc",
                table: "zaitakuMailOutbox",
                columns: new[] { "To", "CreatedUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "zaitakuFormEntry");

            migrationBuilder.DropTable(
                name: "zaitakuMailOutbox");

            migrationBuilder.DropTable(
                name: "zaitakuForm");
        }
    }
}
