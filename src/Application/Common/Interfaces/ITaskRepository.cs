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

    void Add(TaskItem task);

    void Remove(TaskItem task);

    /// <exception cref="ConcurrencyConflictException">Another writer changed or removed the task since it was read.</exception>
    Task SaveChangesAsync(CancellationToken cancellationToken);
}
