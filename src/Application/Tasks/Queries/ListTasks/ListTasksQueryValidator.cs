using FluentValidation;

namespace TaskManager.Application.Tasks.Queries.ListTasks;

public sealed class ListTasksQueryValidator : AbstractValidator<ListTasksQuery>
{
    public ListTasksQueryValidator()
    {
        RuleFor(q => q.Status).IsInEnum().WithMessage("status must be all, pending or completed.");
        RuleFor(q => q.Sort).IsInEnum().WithMessage("sort must be created, updated or title.");
        RuleFor(q => q.Order).IsInEnum().WithMessage("order must be asc or desc.");
        RuleFor(q => q.Limit).InclusiveBetween(1, ListTasksQuery.MaxLimit)
            .WithMessage($"limit must be a whole number from 1 to {ListTasksQuery.MaxLimit}.");
        RuleFor(q => q.Offset).GreaterThanOrEqualTo(0).WithMessage("offset must be a whole number, 0 or more.");
        RuleFor(q => q.Offset).Equal(0).When(q => q.After is not null).WithMessage("cursor and offset cannot be combined.");
        RuleFor(q => q.After).Must((q, after) => after!.IsValidFor(q.Sort)).When(q => q.After is not null)
            .WithMessage("cursor is not a position of this list.").OverridePropertyName("cursor");
        RuleFor(q => q.Search).MaximumLength(ListTasksQuery.SearchMaxLength)
            .WithMessage($"q has at most {ListTasksQuery.SearchMaxLength} characters.")
            .OverridePropertyName("q");
    }
}
