using FluentValidation;

namespace TaskManager.Application.Tasks.Commands.CreateTask;

public sealed class CreateTaskCommandValidator : AbstractValidator<CreateTaskCommand>
{
    public CreateTaskCommandValidator()
    {
        RuleFor(c => c.Title).TaskTitle();
        RuleFor(c => c.Description).TaskDescription();
    }
}
