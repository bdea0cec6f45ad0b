using TaskManager.Application.Common.Interfaces;
using TaskManager.Application.Tasks;
using TaskManager.Application.Tasks.Changes;
using TaskManager.Infrastructure.Persistence;

namespace TaskManager.Infrastructure.Sync;

public sealed class ChangeFeed(TaskManagerDbContext db) : IChangeFeed
{
    public async Task<IReadOnlyList<RecordedChange>> ReadAsync(
        string ownerId, long after, bool liveOnly, int take, CancellationToken cancellationToken)
    {
        // One statement: the change rows and the tasks they name are read as of one moment.
        var changes = db.TaskChanges.AsNoTracking().Where(c => c.UserId == ownerId && c.Sequence > after);
        if (liveOnly)
        {
            changes = changes.Where(c => c.DeletedAt == null);
        }

        var rows = await (
            from change in changes.OrderBy(c => c.Sequence).Take(take)
            join task in db.Tasks.AsNoTracking() on change.TaskId equals task.Id into tasks
            from task in tasks.DefaultIfEmpty()
            orderby change.Sequence
            select new { change.Sequence, change.TaskId, Task = task })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new RecordedChange(r.Sequence, r.TaskId, r.Task?.ToDto()))];
    }

    public async Task<FeedState> StateAsync(string ownerId, CancellationToken cancellationToken) =>
        await db.ChangeCounters.AsNoTracking()
            .Where(c => c.UserId == ownerId)
            .Select(c => new FeedState(c.LastSequence, c.ForgottenThrough))
            .FirstOrDefaultAsync(cancellationToken)
        ?? new FeedState(0, 0);
}
