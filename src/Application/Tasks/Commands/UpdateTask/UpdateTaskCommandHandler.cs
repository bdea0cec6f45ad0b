using Mediator;
using TaskManager.Application.Common.Interfaces;

namespace TaskManager.Application.Tasks.Commands.UpdateTask;

public sealed class UpdateTaskCommandHandler(ICurrentUser currentUser, ITaskRepository repository, TimeProvider clock)
    : ICommandHandler<UpdateTaskCommand, TaskDto>
{
    public async ValueTask<TaskDto> Handle(UpdateTaskCommand command, CancellationToken cancellationToken)
    {
        var task = await repository.ChangeOwnedAsync(currentUser.UserId, command.TaskId, command.IfMatch, task =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            if (command.Title.HasValue)
            {
                task.Rename(command.Title.Value, now);
            }

            if (command.Description.HasValue)
            {
                task.Describe(command.Description.Value, now);
            }

            if (command.Completed.HasValue)
            {
                task.SetCompleted(command.Completed.Value, now);
            }
        }, cancellationToken);
        return task.ToDto();
    }
}
