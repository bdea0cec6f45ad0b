using FluentValidation;

namespace TaskManager.Application.Tasks.Commands.UpdateTask;

public sealed class UpdateTaskCommandValidator : AbstractValidator<UpdateTaskCommand>
{
    public UpdateTaskCommandValidator()
    {
        RuleFor(c => c.Title.Value).TaskTitle().OverridePropertyName("title").When(c => c.Title.HasValue);
        RuleFor(c => c.Description.Value).TaskDescription().OverridePropertyName("description").When(c => c.Description.HasValue);
    }
}
