using TaskManager.Application.Common.Interfaces;

namespace TaskManager.Application.Tasks.Queries.GetTask;

public sealed record GetTaskQuery(string TaskId) : IQuery<TaskDto>;

internal sealed class GetTaskQueryHandler(ICurrentUser currentUser, ITaskRepository repository)
    : IQueryHandler<GetTaskQuery, TaskDto>
{
    public async ValueTask<TaskDto> Handle(GetTaskQuery query, CancellationToken cancellationToken) =>
        await repository.ReadOwnedAsync(currentUser.UserId, query.TaskId, cancellationToken);
}
