using TaskManager.Application.Common;
using TaskManager.Application.Common.Interfaces;

namespace TaskManager.Application.Tasks.Commands.UpdateTask;

/// <summary>Changes the fields that are present and leaves the absent ones as they are.</summary>
public sealed record UpdateTaskCommand(
    string TaskId,
    Optional<string> Title,
    Optional<string?> Description,
    Optional<bool> Completed,
    Precondition? IfMatch,
    Optional<string?> DueAt = default,
    Optional<string> Priority = default,
    Optional<IReadOnlyList<string>> Tags = default) : ICommand<TaskDto>;

internal sealed class UpdateTaskCommandValidator : AbstractValidator<UpdateTaskCommand>
{
    public UpdateTaskCommandValidator()
    {
        RuleFor(c => (string?)c.Title.Value).TaskTitle().OverridePropertyName(nameof(UpdateTaskCommand.Title)).When(c => c.Title.HasValue);
        RuleFor(c => c.Description.Value).TaskDescription().OverridePropertyName(nameof(UpdateTaskCommand.Description)).When(c => c.Description.HasValue);
        RuleFor(c => c.DueAt.Value).TaskDueAt().OverridePropertyName(nameof(UpdateTaskCommand.DueAt)).When(c => c.DueAt.HasValue);
        RuleFor(c => (string?)c.Priority.Value).TaskPriority().OverridePropertyName(nameof(UpdateTaskCommand.Priority)).When(c => c.Priority.HasValue);
        this.TaskTags(c => c.Tags.HasValue, c => c.Tags.Value);
    }
}

internal sealed class UpdateTaskCommandHandler(ICurrentUser currentUser, ITaskRepository repository, TimeProvider clock)
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

            if (command.DueAt.HasValue)
            {
                task.Schedule(TaskRules.DueTime(command.DueAt.Value), now);
            }

            if (command.Priority.HasValue)
            {
                task.Prioritize(TaskRules.PriorityNamed(command.Priority.Value), now);
            }

            if (command.Tags.HasValue)
            {
                task.Retag(command.Tags.Value, now);
            }
        }, cancellationToken);
        return task.ToDto();
    }
}
