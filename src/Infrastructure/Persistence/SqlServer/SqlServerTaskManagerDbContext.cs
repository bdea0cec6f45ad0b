using Microsoft.EntityFrameworkCore;
using TaskManager.Domain.Tasks;

namespace TaskManager.Infrastructure.Persistence.SqlServer;

public sealed class SqlServerTaskManagerDbContext(DbContextOptions<SqlServerTaskManagerDbContext> options) : TaskManagerDbContext(options)
{
    private const string BinaryCollation = "Latin1_General_100_BIN2_UTF8";

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        // SQL Server compares case-insensitively by default: "Alice" must never match "alice"'s tasks.
        modelBuilder.Entity<TaskItem>().Property(t => t.UserId).UseCollation(BinaryCollation);
        // Tag keys are already folded; a case- or width-insensitive collation would make distinct keys collide.
        modelBuilder.Entity<TaskItem>().OwnsMany(t => t.TagRows).Property(tag => tag.Key).UseCollation(BinaryCollation);
    }
}
