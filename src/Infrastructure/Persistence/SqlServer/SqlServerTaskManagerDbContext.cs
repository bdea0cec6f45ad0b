using TaskManager.Domain.Tasks;
using TaskManager.Infrastructure.Persistence.Changes;
using TaskManager.Infrastructure.Persistence.Idempotency;

namespace TaskManager.Infrastructure.Persistence.SqlServer;

public sealed class SqlServerTaskManagerDbContext(DbContextOptions<SqlServerTaskManagerDbContext> options) : TaskManagerDbContext(options)
{
    private const string BinaryCollation = "Latin1_General_100_BIN2_UTF8";

    // HOLDLOCK keeps two first changes of one user (or two changes of one task) from both inserting the row.
    protected internal override string RecordChangeSql =>
        """
        MERGE change_counters WITH (HOLDLOCK) AS c
        USING (SELECT {0} AS user_id) AS s ON c.user_id = s.user_id
        WHEN MATCHED THEN UPDATE SET last_sequence = c.last_sequence + 1
        WHEN NOT MATCHED THEN INSERT (user_id, last_sequence, forgotten_through) VALUES (s.user_id, 1, 0);
        MERGE task_changes WITH (HOLDLOCK) AS t
        USING (SELECT {1} AS task_id, user_id, last_sequence, CAST({2} AS datetime2) AS deleted_at FROM change_counters WHERE user_id = {0}) AS s
        ON t.task_id = s.task_id
        WHEN MATCHED THEN UPDATE SET sequence = s.last_sequence, deleted_at = s.deleted_at
        WHEN NOT MATCHED THEN INSERT (task_id, user_id, sequence, deleted_at) VALUES (s.task_id, s.user_id, s.last_sequence, s.deleted_at);
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
