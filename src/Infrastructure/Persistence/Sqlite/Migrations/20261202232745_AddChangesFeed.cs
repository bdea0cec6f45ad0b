using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TaskManager.Infrastructure.Persistence.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddChangesFeed : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "change_counters",
                columns: table => new
                {
                    user_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    last_sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    forgotten_through = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_change_counters", x => x.user_id);
                });

            migrationBuilder.CreateTable(
                name: "task_changes",
                columns: table => new
                {
                    task_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    deleted_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_task_changes", x => x.task_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_task_changes_deleted_at",
                table: "task_changes",
                column: "deleted_at");

            migrationBuilder.CreateIndex(
                name: "ix_task_changes_user_sequence",
                table: "task_changes",
                columns: new[] { "user_id", "sequence" },
                unique: true);

            migrationBuilder.Sql(Changes.ChangesFeedBackfill.Sql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "change_counters");

            migrationBuilder.DropTable(
                name: "task_changes");
        }
    }
}
