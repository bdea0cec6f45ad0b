using FluentValidation;

namespace TaskManager.Application.Tasks.Commands.UpdateTask;

public sealed class UpdateTaskCommandValidator : AbstractValidator<UpdateTaskCommand>
{
    public UpdateTaskCommandValidator()
    {
        RuleFor(c => (string?)c.Title.Value).TaskTitle().OverridePropertyName(nameof(UpdateTaskCommand.Title)).When(c => c.Title.HasValue);
        RuleFor(c => c.Description.Value).TaskDescription().OverridePropertyName(nameof(UpdateTaskCommand.Description)).When(c => c.Description.HasValue);
    }
}
