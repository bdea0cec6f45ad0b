using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
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
    private readonly List<(TaskItem Task, bool Deleted)> _changed =
    [
        .. db.ChangeTracker.Entries<TaskItem>()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Select(e => (e.Entity, e.State == EntityState.Deleted)),
    ];

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
        var now = Timestamp.Normalize(db.GetService<TimeProvider>().GetUtcNow().UtcDateTime);
        // One statement per change, built without a LINQ query: it runs while SQLite's writer queue waits.
        foreach (var (task, deleted) in _changed)
        {
            await db.Database.ExecuteSqlAsync(
                FormattableStringFactory.Create(db.RecordChangeSql, task.UserId, task.Id, deleted ? now : null), cancellationToken);
        }

        return [.. _changed.Select(c => c.Task.UserId).Distinct(StringComparer.Ordinal)];
    }
}
