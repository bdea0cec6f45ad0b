using TaskManager.Application.Common;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Domain.Tasks;

namespace TaskManager.Application.Tasks.Commands.CreateTask;

/// <summary>Creates a task for the caller.</summary>
/// <remarks>Absent organizing fields take their defaults (no due time, priority none, no tags); a present null is refused.</remarks>
public sealed record CreateTaskCommand(
    string? Title,
    string? Description,
    bool Completed,
    Optional<string?> DueAt = default,
    Optional<string> Priority = default,
    Optional<IReadOnlyList<string>> Tags = default) : ICommand<TaskDto>;

internal sealed class CreateTaskCommandValidator : AbstractValidator<CreateTaskCommand>
{
    public CreateTaskCommandValidator()
    {
        RuleFor(c => c.Title).TaskTitle();
        RuleFor(c => c.Description).TaskDescription();
        RuleFor(c => c.DueAt.Value).TaskDueAt().OverridePropertyName(nameof(CreateTaskCommand.DueAt)).When(c => c.DueAt.HasValue);
        RuleFor(c => (string?)c.Priority.Value).TaskPriority().OverridePropertyName(nameof(CreateTaskCommand.Priority)).When(c => c.Priority.HasValue);
        this.TaskTags(c => c.Tags.HasValue, c => c.Tags.Value);
    }
}

internal sealed class CreateTaskCommandHandler(ICurrentUser currentUser, ITaskRepository repository, TimeProvider clock)
    : ICommandHandler<CreateTaskCommand, TaskDto>
{
    public async ValueTask<TaskDto> Handle(CreateTaskCommand command, CancellationToken cancellationToken)
    {
        var task = TaskItem.Create(
            currentUser.UserId,
            command.Title!,
            command.Description,
            command.Completed,
            clock.GetUtcNow().UtcDateTime,
            TaskRules.DueTime(command.DueAt.Value),
            command.Priority.HasValue ? TaskRules.PriorityNamed(command.Priority.Value) : TaskPriority.None,
            command.Tags.Value);
        repository.Add(task);
        await repository.SaveChangesAsync(cancellationToken);
        return task.ToDto();
    }
}
