using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TaskManager.Infrastructure.Persistence.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class OrganizingTasks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "completed_at",
                table: "tasks",
                type: "TEXT",
                nullable: true);

            // A task completed before this version keeps its last change as the time it was completed.
            migrationBuilder.Sql("UPDATE tasks SET completed_at = updated_at WHERE completed = 1;");

            migrationBuilder.AddColumn<DateTime>(
                name: "due_at",
                table: "tasks",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "priority",
                table: "tasks",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "tags",
                table: "tasks",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.CreateTable(
                name: "task_tags",
                columns: table => new
                {
                    key = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    task_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_task_tags", x => new { x.task_id, x.key });
                    table.ForeignKey(
                        name: "FK_task_tags_tasks_task_id",
                        column: x => x.task_id,
                        principalTable: "tasks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_tasks_user_completed_due",
                table: "tasks",
                columns: new[] { "user_id", "completed", "due_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_tasks_user_priority",
                table: "tasks",
                columns: new[] { "user_id", "priority", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "task_tags");

            migrationBuilder.DropIndex(
                name: "ix_tasks_user_completed_due",
                table: "tasks");

            migrationBuilder.DropIndex(
                name: "ix_tasks_user_priority",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "completed_at",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "due_at",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "priority",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "tags",
                table: "tasks");
        }
    }
}
