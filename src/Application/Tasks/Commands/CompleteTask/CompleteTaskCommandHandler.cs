using Mediator;
using TaskManager.Application.Common.Interfaces;

namespace TaskManager.Application.Tasks.Commands.CompleteTask;

public sealed class CompleteTaskCommandHandler(ICurrentUser currentUser, ITaskRepository repository, TimeProvider clock)
    : ICommandHandler<CompleteTaskCommand, TaskDto>
{
    public async ValueTask<TaskDto> Handle(CompleteTaskCommand command, CancellationToken cancellationToken)
    {
        var task = await repository.ChangeOwnedAsync(currentUser.UserId, command.TaskId, command.IfMatch, task =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            if (command.Completed is { } completed)
            {
                task.SetCompleted(completed, now);
            }
            else
            {
                task.ToggleCompleted(now);
            }
        }, cancellationToken);
        return task.ToDto();
    }
}
