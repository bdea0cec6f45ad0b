using TaskManager.Application.Common.Exceptions;
using TaskManager.Application.Tasks;
using TaskManager.Domain.Tasks;

namespace TaskManager.Application.Common.Interfaces;

public interface ITaskRepository
{
    /// <summary>The task with this id if <paramref name="ownerId"/> owns it; another user's task is as absent as a missing one.</summary>
    Task<TaskItem?> FindOwnedAsync(Guid id, string ownerId, CancellationToken cancellationToken);

    /// <summary>As <see cref="FindOwnedAsync"/>, read-only and shaped for the response by the database.</summary>
    Task<TaskDto?> FindOwnedDtoAsync(Guid id, string ownerId, CancellationToken cancellationToken);

    Task<TaskPage> ListAsync(string ownerId, TaskListCriteria criteria, CancellationToken cancellationToken);

    /// <summary>The owner's tags, one per case-folded name, with how many of the owner's tasks carry each, sorted by that name.</summary>
    Task<IReadOnlyList<TagCount>> ListTagsAsync(string ownerId, CancellationToken cancellationToken);

    void Add(TaskItem task);

    void Remove(TaskItem task);

    /// <exception cref="ConcurrencyConflictException">Another writer changed or removed the task since it was read.</exception>
    Task SaveChangesAsync(CancellationToken cancellationToken);
}

/// <summary>How every handler that names a task reaches it: by the id the path gives, through its owner only (else 404).</summary>
internal static class TaskRepositoryExtensions
{
    // A write without If-Match that loses a race is applied again to the fresh task: the last writer wins.
    // Each round of a race has a winner, so this many attempts outlast all but a pathological pile-up.
    public const int MaxAttempts = 10;

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
        var id = ParseId(taskId);
        for (var attempt = 1; ; attempt++)
        {
            var task = await repository.FindOwnedAsync(id, ownerId, cancellationToken) ?? throw NotFoundException.Task(taskId);
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
