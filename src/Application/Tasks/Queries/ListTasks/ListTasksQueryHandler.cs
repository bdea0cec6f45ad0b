using Mediator;
using TaskManager.Application.Common.Interfaces;

namespace TaskManager.Application.Tasks.Queries.ListTasks;

public sealed class ListTasksQueryHandler(ICurrentUser currentUser, ITaskRepository repository)
    : IQueryHandler<ListTasksQuery, TaskPage>
{
    public async ValueTask<TaskPage> Handle(ListTasksQuery query, CancellationToken cancellationToken) =>
        await repository.ListAsync(currentUser.UserId, query.Criteria, cancellationToken);
}
