using Mediator;
using TaskManager.Application.Common.Interfaces;

namespace TaskManager.Application.Tasks.Queries.GetTask;

public sealed class GetTaskQueryHandler(ICurrentUser currentUser, ITaskRepository repository)
    : IQueryHandler<GetTaskQuery, TaskDto>
{
    public async ValueTask<TaskDto> Handle(GetTaskQuery query, CancellationToken cancellationToken)
    {
        var ownerId = currentUser.RequireOwner(query.UserId);
        return await repository.ReadOwnedAsync(ownerId, query.TaskId, cancellationToken);
    }
}
