using FluentValidation;
using TaskManager.Domain.Tasks;

namespace TaskManager.WebApi.Controllers;

/// <summary>The list's parameters, checked once, before any handler runs; run by MVC's validation (<see cref="RequestValidatorProvider"/>, 400).</summary>
internal sealed class ListTasksRequestValidator : AbstractValidator<ListTasksRequest>
{
    public ListTasksRequestValidator()
    {
        RuleFor(r => r.Status).IsInEnum().WithMessage("status must be all, pending or completed.");
        RuleFor(r => r.Sort).IsInEnum().WithMessage("sort must be created, updated or title.");
        RuleFor(r => r.Order).IsInEnum().WithMessage("order must be asc or desc.");
        RuleFor(r => r.Limit).InclusiveBetween(1, TaskLimits.PageSizeMax)
            .WithMessage($"limit must be a whole number from 1 to {TaskLimits.PageSizeMax}.");
        RuleFor(r => r.Offset).GreaterThanOrEqualTo(0).WithMessage("offset must be a whole number, 0 or more.");
        RuleFor(r => r.Q).MaximumLength(TaskLimits.SearchMaxLength).WithMessage($"q has at most {TaskLimits.SearchMaxLength} characters.");
        RuleFor(r => r.Q).Must(q => StorableText.IsStorable(q)).WithMessage("q cannot contain NUL characters or unpaired surrogates.");
        RuleFor(r => r.Cursor).Must((r, _) => r.After() is not null).When(r => !string.IsNullOrEmpty(r.Cursor))
            .WithMessage("cursor is not one this list gave out (status, sort, order and q must stay as they were).");
        RuleFor(r => r.Cursor).Empty().When(r => r.Offset is not null).WithMessage("cursor and offset cannot be combined.");
    }
}
