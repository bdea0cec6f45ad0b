using TaskManager.Application.Common;
using TaskManager.Application.Common.Interfaces;

namespace TaskManager.Application.Tasks.Commands.CompleteTask;

/// <summary>Sets completion to <paramref name="Completed"/>, or toggles it when that is null (the original's behaviour).</summary>
public sealed record CompleteTaskCommand(string TaskId, bool? Completed, Precondition? IfMatch) : ICommand<TaskDto>;

internal sealed class CompleteTaskCommandHandler(ICurrentUser currentUser, ITaskRepository repository, TimeProvider clock)
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
