using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using TaskManager.Domain.Tasks;
using TaskManager.Infrastructure.Sync;

namespace TaskManager.Infrastructure.Persistence.Changes;

/// <summary>
/// Gives each task a save creates, alters or deletes its user's next sequence number, in the save's transaction: the
/// one place where the changes feed is written, whichever handler made the change.
/// </summary>
internal sealed class ChangeRecorder(TaskManagerDbContext db)
{
    private readonly List<EntityEntry<TaskItem>> _changed =
        [.. db.ChangeTracker.Entries<TaskItem>().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)];

    public bool HasChanges => _changed.Count > 0;

    /// <summary>Wakes this instance's streams of <paramref name="users"/>, once their changes are committed.</summary>
    public static void Announce(TaskManagerDbContext db, IEnumerable<string> users)
    {
        var signals = db.GetService<ChangeSignals>();
        foreach (var user in users)
        {
            signals.Publish(user);
        }
    }

    /// <returns>The users whose feeds grew.</returns>
    public async Task<IReadOnlyList<string>> RecordAsync(CancellationToken cancellationToken)
    {
        var now = db.GetService<TimeProvider>().GetUtcNow().UtcDateTime;
        var users = new List<string>();
        foreach (var changes in _changed.GroupBy(e => e.Entity.UserId, StringComparer.Ordinal))
        {
            var count = changes.Count();
            var last = (await db.Database.SqlQueryRaw<long>(db.RaiseCounterSql, changes.Key, (long)count).ToListAsync(cancellationToken)).Single();
            var sequence = last - count;
            foreach (var entry in changes)
            {
                await RecordAsync(entry, ++sequence, now, cancellationToken);
            }

            await db.AnnounceInTransactionAsync(changes.Key, last, cancellationToken);
            users.Add(changes.Key);
        }

        return users;
    }

    private async Task RecordAsync(EntityEntry<TaskItem> entry, long sequence, DateTime now, CancellationToken cancellationToken)
    {
        var task = entry.Entity;
        // A save retried after a failed transaction finds the entry it added before.
        if (db.TaskChanges.Local.FirstOrDefault(c => c.TaskId == task.Id) is { } pending)
        {
            pending.Renumber(sequence);
            return;
        }

        DateTime? deletedAt = entry.State == EntityState.Deleted ? Timestamp.Normalize(now) : null;
        var updated = entry.State == EntityState.Added ? 0 : await db.TaskChanges
            .Where(c => c.TaskId == task.Id)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.Sequence, sequence).SetProperty(c => c.DeletedAt, deletedAt), cancellationToken);
        if (updated == 0)
        {
            db.TaskChanges.Add(new TaskChangeEntry(task.Id, task.UserId, sequence, deletedAt));
        }
    }
}
