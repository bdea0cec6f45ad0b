using Microsoft.EntityFrameworkCore;
using TaskManager.Domain.Tasks;
using TaskManager.Infrastructure.Persistence.Changes;
using TaskManager.Infrastructure.Persistence.Idempotency;

namespace TaskManager.Infrastructure.Persistence;

/// <summary>The model, shared by every provider; each provider has a subclass that owns its migrations.</summary>
public abstract class TaskManagerDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<TaskItem> Tasks => Set<TaskItem>();

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    internal DbSet<TaskChangeEntry> TaskChanges => Set<TaskChangeEntry>();

    internal DbSet<ChangeCounter> ChangeCounters => Set<ChangeCounter>();

    private static readonly string DefaultRecordChangeSql = UpsertChangeSql("TEXT");

    /// <summary>
    /// Raises user <c>{0}</c>'s counter by one (creating it at the user's first change; its row stays locked until the
    /// transaction ends, so one user's changes commit in sequence order) and gives task <c>{1}</c>'s row in the feed the
    /// new number; <c>{2}</c> is when the task was deleted, null while it lives.
    /// </summary>
    protected internal virtual string RecordChangeSql => DefaultRecordChangeSql;

    /// <summary>
    /// <see cref="RecordChangeSql"/> as upserts (SQLite's and PostgreSQL's syntax); the cast to
    /// <paramref name="timestampType"/> types the deletion time when it is null.
    /// </summary>
    private protected static string UpsertChangeSql(string timestampType) =>
        $$"""
        INSERT INTO change_counters (user_id, last_sequence, forgotten_through) VALUES ({0}, 1, 0)
        ON CONFLICT (user_id) DO UPDATE SET last_sequence = change_counters.last_sequence + 1;
        INSERT INTO task_changes (task_id, user_id, sequence, deleted_at)
        SELECT {1}, user_id, last_sequence, CAST({2} AS {{timestampType}}) FROM change_counters WHERE user_id = {0}
        ON CONFLICT (task_id) DO UPDATE SET sequence = excluded.sequence, deleted_at = excluded.deleted_at;
        """;

    /// <summary>Saves the tasks' changes and records each in the changes feed, in one transaction.</summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var recorder = new ChangeRecorder(this);
        if (!recorder.HasChanges)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        // The counter's row lock is held from the first statement to the commit: sequences commit in order.
        await using var transaction = await Database.BeginTransactionAsync(cancellationToken);
        // A failed save rolls the whole transaction back: a savepoint around it would only cost two more statements.
        Database.AutoSavepointsEnabled = false;
        var users = await recorder.RecordAsync(cancellationToken);
        var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        ChangeRecorder.Announce(this, users);
        return saved;
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(TaskManagerDbContext).Assembly);
    }
}
