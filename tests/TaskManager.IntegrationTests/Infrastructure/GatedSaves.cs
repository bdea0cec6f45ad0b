using Microsoft.Extensions.DependencyInjection;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Application.Tasks;
using TaskManager.Domain.Tasks;
using TaskManager.Infrastructure.Persistence;

namespace TaskManager.IntegrationTests.Infrastructure;

/// <summary>
/// Holds the API's next task save, once armed, until the test releases it: a request stays in flight, after everything
/// it does before its write, for as long as the test needs.
/// </summary>
public sealed class GatedSaves
{
    private TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _armed;

    /// <summary>Puts the API's repository behind this gate.</summary>
    public void AddTo(IServiceCollection services) =>
        services.AddScoped<ITaskRepository>(sp => new Repository(ActivatorUtilities.CreateInstance<TaskRepository>(sp), this));

    public void Arm()
    {
        _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _armed, 1);
    }

    /// <summary>Completes once the held save has started.</summary>
    public Task Entered => _entered.Task.WaitAsync(TimeSpan.FromSeconds(30));

    public void Release() => _released.TrySetResult();

    private async Task PassAsync()
    {
        if (Interlocked.Exchange(ref _armed, 0) == 1)
        {
            _entered.TrySetResult();
            await _released.Task;
        }
    }

    private sealed class Repository(TaskRepository inner, GatedSaves gate) : ITaskRepository
    {
        public Task<TaskItem?> FindOwnedAsync(Guid id, string ownerId, CancellationToken cancellationToken) =>
            inner.FindOwnedAsync(id, ownerId, cancellationToken);

        public Task<TaskDto?> FindOwnedDtoAsync(Guid id, string ownerId, CancellationToken cancellationToken) =>
            inner.FindOwnedDtoAsync(id, ownerId, cancellationToken);

        public Task<TaskPage> ListAsync(string ownerId, TaskListCriteria criteria, CancellationToken cancellationToken) =>
            inner.ListAsync(ownerId, criteria, cancellationToken);

        public Task<IReadOnlyList<TagCount>> ListTagsAsync(string ownerId, CancellationToken cancellationToken) =>
            inner.ListTagsAsync(ownerId, cancellationToken);

        public void Add(TaskItem task) => inner.Add(task);

        public void Remove(TaskItem task) => inner.Remove(task);

        public async Task SaveChangesAsync(CancellationToken cancellationToken)
        {
            await gate.PassAsync();
            await inner.SaveChangesAsync(cancellationToken);
        }
    }
}
