using FluentValidation;
using Mediator;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Domain.Tasks;

namespace TaskManager.Application.Tasks.Commands.CreateTask;

/// <summary>Creates a task for the caller.</summary>
public sealed record CreateTaskCommand(string? Title, string? Description, bool Completed) : ICommand<TaskDto>;

internal sealed class CreateTaskCommandValidator : AbstractValidator<CreateTaskCommand>
{
    public CreateTaskCommandValidator()
    {
        RuleFor(c => c.Title).TaskTitle();
        RuleFor(c => c.Description).TaskDescription();
    }
}

internal sealed class CreateTaskCommandHandler(ICurrentUser currentUser, ITaskRepository repository, TimeProvider clock)
    : ICommandHandler<CreateTaskCommand, TaskDto>
{
    public async ValueTask<TaskDto> Handle(CreateTaskCommand command, CancellationToken cancellationToken)
    {
        var task = TaskItem.Create(currentUser.UserId, command.Title!, command.Description, command.Completed, clock.GetUtcNow().UtcDateTime);
        repository.Add(task);
        await repository.SaveChangesAsync(cancellationToken);
        return task.ToDto();
    }
}
