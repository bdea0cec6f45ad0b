namespace TaskManager.Infrastructure.Persistence.Changes;

/// <summary>
/// A task's latest change: one row per task, live or deleted, rewritten by every change. A deleted task's row is its
/// tombstone, kept <c>Sync:TombstoneDays</c>.
/// </summary>
internal sealed class TaskChangeEntry
{
    // EF's, to read the rows: they are written by TaskManagerDbContext.RecordChangeSql, never through this type.
    private TaskChangeEntry(Guid taskId, string userId, long sequence, DateTime? deletedAt)
    {
        TaskId = taskId;
        UserId = userId;
        Sequence = sequence;
        DeletedAt = deletedAt;
    }

    public Guid TaskId { get; private set; }

    public string UserId { get; private set; }

    /// <summary>The user's sequence number of this change.</summary>
    public long Sequence { get; private set; }

    /// <summary>When the task was deleted; null while it lives.</summary>
    public DateTime? DeletedAt { get; private set; }
}
