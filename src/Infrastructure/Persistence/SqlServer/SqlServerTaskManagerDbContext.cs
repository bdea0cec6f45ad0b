using Microsoft.EntityFrameworkCore;
using TaskManager.Domain.Tasks;
using TaskManager.Infrastructure.Persistence.Idempotency;

namespace TaskManager.Infrastructure.Persistence.SqlServer;

public sealed class SqlServerTaskManagerDbContext(DbContextOptions<SqlServerTaskManagerDbContext> options) : TaskManagerDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        // SQL Server compares case-insensitively by default: "Alice" must never match "alice"'s tasks.
        modelBuilder.Entity<TaskItem>().Property(t => t.UserId).UseCollation("Latin1_General_100_BIN2_UTF8");
        // The same for an idempotency key's user, and for the key itself: "A" and "a" are two keys.
        modelBuilder.Entity<IdempotencyRecord>().Property(r => r.UserId).UseCollation("Latin1_General_100_BIN2_UTF8");
        modelBuilder.Entity<IdempotencyRecord>().Property(r => r.Key).UseCollation("Latin1_General_100_BIN2_UTF8");
    }
}
