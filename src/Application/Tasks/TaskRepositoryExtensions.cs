using TaskManager.Application.Common;
using TaskManager.Application.Common.Exceptions;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Domain.Tasks;

namespace TaskManager.Application.Tasks;

/// <summary>Reads and changes one task on behalf of its owner; used by every handler that names a task.</summary>
internal static class TaskRepositoryExtensions
{
    // A write without If-Match that loses a race is applied again to the fresh task: the last writer wins.
    // Each round of a race has a winner, so this many attempts outlast all but a pathological pile-up.
    public const int MaxAttempts = 10;

    public static async Task<TaskItem> GetOwnedAsync(
        this ITaskRepository repository, string ownerId, string taskId, CancellationToken cancellationToken) =>
        await repository.FindOwnedAsync(ParseId(taskId), ownerId, cancellationToken) ?? throw NotFoundException.Task(taskId);

    public static async Task<TaskDto> ReadOwnedAsync(
        this ITaskRepository repository, string ownerId, string taskId, CancellationToken cancellationToken) =>
        await repository.FindOwnedDtoAsync(ParseId(taskId), ownerId, cancellationToken) ?? throw NotFoundException.Task(taskId);

    public static async Task<TaskItem> ChangeOwnedAsync(
        this ITaskRepository repository,
        string ownerId,
        string taskId,
        Precondition? ifMatch,
        Action<TaskItem> change,
        CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var task = await repository.GetOwnedAsync(ownerId, taskId, cancellationToken);
            if (ifMatch is not null && !ifMatch.IsSatisfiedBy(task.Version))
            {
                throw new PreconditionFailedException();
            }

            change(task);
            try
            {
                await repository.SaveChangesAsync(cancellationToken);
                return task;
            }
            catch (ConcurrencyConflictException) when (ifMatch is null && attempt < MaxAttempts)
            {
            }
            catch (ConcurrencyConflictException) when (ifMatch is not null)
            {
                // The version the client named was current when read, but another write got in first.
                throw new PreconditionFailedException();
            }
        }
    }

    // Only the canonical form, the one every response and Location header uses; the parser alone would also take surrounding white space.
    private static Guid ParseId(string taskId) =>
        taskId.Length == 36 && Guid.TryParseExact(taskId, "D", out var id) ? id : throw NotFoundException.Task(taskId);
}
