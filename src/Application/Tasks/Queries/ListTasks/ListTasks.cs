using TaskManager.Application.Common.Interfaces;

namespace TaskManager.Application.Tasks.Queries.ListTasks;

/// <summary>A page of the caller's tasks. The web boundary reads and checks the criteria from the query string.</summary>
public sealed record ListTasksQuery(TaskListCriteria Criteria) : IQuery<TaskPage>;

internal sealed class ListTasksQueryHandler(ICurrentUser currentUser, ITaskRepository repository)
    : IQueryHandler<ListTasksQuery, TaskPage>
{
    public async ValueTask<TaskPage> Handle(ListTasksQuery query, CancellationToken cancellationToken) =>
        await repository.ListAsync(currentUser.UserId, query.Criteria, cancellationToken);
}
