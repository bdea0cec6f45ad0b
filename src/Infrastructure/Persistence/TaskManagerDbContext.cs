using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using TaskManager.Domain.Tasks;
using TaskManager.Infrastructure.Persistence.Changes;
using TaskManager.Infrastructure.Persistence.Idempotency;
using TaskManager.Infrastructure.Sync;

namespace TaskManager.Infrastructure.Persistence;

/// <summary>
/// The model, shared by every provider (each has a subclass that owns its migrations), and the save: the one place
/// where the changes feed is written, whichever handler made the change.
/// </summary>
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

    /// <summary>
    /// Saves the tasks' changes and gives each task created, altered or deleted its user's next sequence number, in one
    /// transaction; once committed, wakes this instance's streams of those users.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var changed = ChangeTracker.Entries<TaskItem>()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Select(e => (Task: e.Entity, Deleted: e.State == EntityState.Deleted))
            .ToList();
        if (changed.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        // The counter's row lock is held from the first statement to the commit: sequences commit in order.
        await using var transaction = await Database.BeginTransactionAsync(cancellationToken);
        // A failed save rolls the whole transaction back: a savepoint around it would only cost two more statements.
        Database.AutoSavepointsEnabled = false;
        var now = Timestamp.Normalize(this.GetService<TimeProvider>().GetUtcNow().UtcDateTime);
        // One statement per change, built without a LINQ query: it runs while SQLite's writer queue waits.
        foreach (var (task, deleted) in changed)
        {
            await Database.ExecuteSqlAsync(
                FormattableStringFactory.Create(RecordChangeSql, task.UserId, task.Id, deleted ? now : null), cancellationToken);
        }

        var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var signals = this.GetService<ChangeSignals>();
        foreach (var user in changed.Select(c => c.Task.UserId).Distinct(StringComparer.Ordinal))
        {
            signals.Publish(user);
        }

        return saved;
    }

    /// <summary>
    /// Saves under the execution strategy and accepts the changes once stored. A retrying strategy (PostgreSQL, SQL
    /// Server) saves again after a transient error; when the error hid a commit (the connection lost before its
    /// acknowledgement), saving again would apply the change twice or fail on the row it made: the database is asked
    /// first whether it already holds what this save wrote.
    /// </summary>
    internal async Task SaveVerifiedAsync(CancellationToken cancellationToken)
    {
        await Database.CreateExecutionStrategy().ExecuteAsync(
            this,
            static (_, db, token) => db.SaveChangesAsync(acceptAllChangesOnSuccess: false, token),
            static async (_, db, token) => new ExecutionResult<int>(await db.AreStoredAsync(token), 0),
            cancellationToken);
        ChangeTracker.AcceptAllChanges();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(TaskManagerDbContext).Assembly);
    }

    /// <summary>
    /// Whether the database already holds every pending change: each added or modified row with exactly the values the
    /// context has for it (the version included, which every change raises; compared as the model compares them, so
    /// the tags array by its elements), each deleted row gone.
    /// </summary>
    private async Task<bool> AreStoredAsync(CancellationToken cancellationToken)
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached)
            {
                continue;
            }

            var stored = await entry.GetDatabaseValuesAsync(cancellationToken);
            var isStored = entry.State == EntityState.Deleted
                ? stored is null
                : stored is not null && entry.CurrentValues.Properties.All(property =>
                    property.GetValueComparer().Equals(stored[property], entry.CurrentValues[property]));
            if (!isStored)
            {
                return false;
            }
        }

        return true;
    }
}
