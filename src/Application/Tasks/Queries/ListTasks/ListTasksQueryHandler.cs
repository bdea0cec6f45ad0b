using Mediator;
using TaskManager.Application.Common.Interfaces;

namespace TaskManager.Application.Tasks.Queries.ListTasks;

public sealed class ListTasksQueryHandler(ICurrentUser currentUser, ITaskRepository repository)
    : IQueryHandler<ListTasksQuery, TaskPage>
{
    public async ValueTask<TaskPage> Handle(ListTasksQuery query, CancellationToken cancellationToken)
    {
        var ownerId = currentUser.RequireOwner(query.UserId);
        // An empty search matches everything, as an absent one does.
        var search = string.IsNullOrEmpty(query.Search) ? null : query.Search;
        var criteria = new TaskListCriteria(query.Status, query.Sort, query.Order, search, query.Limit, query.Offset, query.After);
        return await repository.ListAsync(ownerId, criteria, cancellationToken);
    }
}
