using FluentValidation;
using TaskManager.Domain.Tasks;

namespace TaskManager.WebApi.Controllers;

/// <summary>The list's parameters, checked once, before any handler runs; run by FluentValidation's MVC integration (400).</summary>
internal sealed class ListTasksRequestValidator : AbstractValidator<ListTasksRequest>
{
    public ListTasksRequestValidator()
    {
        RuleFor(r => r.Status).IsInEnum().WithMessage("status must be all, pending or completed.");
        RuleFor(r => r.Sort).IsInEnum().WithMessage("sort must be created, updated, title, due or priority.");
        RuleFor(r => r.Order).IsInEnum().WithMessage("order must be asc or desc.");
        RuleFor(r => r.Limit).InclusiveBetween(1, TaskLimits.PageSizeMax)
            .WithMessage($"limit must be a whole number from 1 to {TaskLimits.PageSizeMax}.");
        RuleFor(r => r.Offset).GreaterThanOrEqualTo(0).WithMessage("offset must be a whole number, 0 or more.");
        RuleFor(r => r.Q).MaximumLength(TaskLimits.SearchMaxLength).WithMessage($"q has at most {TaskLimits.SearchMaxLength} characters.");
        RuleFor(r => r.Q).Must(q => StorableText.IsStorable(q)).WithMessage("q cannot contain NUL characters or unpaired surrogates.");
        RuleFor(r => r.Priority).Must((r, _) => r.Priorities() is not null).When(r => !string.IsNullOrEmpty(r.Priority))
            .WithMessage("priority must be a comma-separated list of none, low, medium and high.");
        RuleFor(r => r.Tags).Must(tags => tags.Count() <= TaskLimits.TagsMaxCount)
            .WithMessage($"tag may be given at most {TaskLimits.TagsMaxCount} times.").OverridePropertyName("tag");
        RuleFor(r => r.Tags).Must(tags => tags.All(IsTag))
            .WithMessage($"tag must have 1 to {TaskLimits.TagMaxLength} characters after trimming, and no control characters.")
            .OverridePropertyName("tag");
        RuleFor(r => r.DueBefore).Must(due => ListTasksRequest.DueTime(due) is not null).When(r => !string.IsNullOrEmpty(r.DueBefore))
            .WithMessage("due_before must be an RFC 3339 date-time with an offset (Z or ±hh:mm).");
        RuleFor(r => r.DueAfter).Must(due => ListTasksRequest.DueTime(due) is not null).When(r => !string.IsNullOrEmpty(r.DueAfter))
            .WithMessage("due_after must be an RFC 3339 date-time with an offset (Z or ±hh:mm).");
        RuleFor(r => r.Cursor).Must((r, _) => r.After() is not null).When(r => !string.IsNullOrEmpty(r.Cursor))
            .WithMessage("cursor is not one this list gave out (status, sort, order, q and the priority, tag and due filters must stay as they were).");
        RuleFor(r => r.Cursor).Empty().When(r => r.Offset is not null).WithMessage("cursor and offset cannot be combined.");
    }

    private static bool IsTag(string tag)
    {
        var trimmed = tag.Trim();
        return trimmed.Length is > 0 and <= TaskLimits.TagMaxLength && !trimmed.Any(char.IsControl) && StorableText.IsStorable(trimmed);
    }
}
