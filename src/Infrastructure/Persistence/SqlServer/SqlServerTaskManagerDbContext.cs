using Microsoft.EntityFrameworkCore;
using TaskManager.Domain.Tasks;
using TaskManager.Infrastructure.Persistence.Changes;
using TaskManager.Infrastructure.Persistence.Idempotency;

namespace TaskManager.Infrastructure.Persistence.SqlServer;

public sealed class SqlServerTaskManagerDbContext(DbContextOptions<SqlServerTaskManagerDbContext> options) : TaskManagerDbContext(options)
{
    private const string BinaryCollation = "Latin1_General_100_BIN2_UTF8";

    // HOLDLOCK keeps two first changes of one user from both inserting the row.
    protected internal override string RaiseCounterSql =>
        """
        MERGE change_counters WITH (HOLDLOCK) AS c
        USING (SELECT {0} AS user_id) AS s ON c.user_id = s.user_id
        WHEN MATCHED THEN UPDATE SET last_sequence = c.last_sequence + {1}
        WHEN NOT MATCHED THEN INSERT (user_id, last_sequence, forgotten_through) VALUES (s.user_id, {1}, 0)
        OUTPUT inserted.last_sequence AS [Value];
        """;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        // SQL Server compares case-insensitively by default: "Alice" must never match "alice"'s tasks.
        modelBuilder.Entity<TaskItem>().Property(t => t.UserId).UseCollation(BinaryCollation);
        // Tag keys are already folded; a case- or width-insensitive collation would make distinct keys collide.
        modelBuilder.Entity<TaskItem>().OwnsMany(t => t.TagRows).Property(tag => tag.Key).UseCollation(BinaryCollation);
        modelBuilder.Entity<TaskChangeEntry>().Property(c => c.UserId).UseCollation(BinaryCollation);
        modelBuilder.Entity<ChangeCounter>().Property(c => c.UserId).UseCollation(BinaryCollation);
        // An idempotency key's user, and the key itself: "A" and "a" are two keys.
        modelBuilder.Entity<IdempotencyRecord>().Property(r => r.UserId).UseCollation(BinaryCollation);
        modelBuilder.Entity<IdempotencyRecord>().Property(r => r.Key).UseCollation(BinaryCollation);
    }
}
