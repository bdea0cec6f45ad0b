using FluentValidation;
using TaskManager.Domain.Tasks;

namespace TaskManager.Application.Tasks;

/// <summary>The field rules that create and update share.</summary>
internal static class TaskRules
{
    public static IRuleBuilderOptions<T, string?> TaskTitle<T>(this IRuleBuilderInitial<T, string?> rule) =>
        rule
            .Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("title is required and cannot be null.")
            .Must(title => title!.Trim().Length > 0).WithMessage("title cannot be blank.")
            .Must(title => title!.Trim().Length <= TaskLimits.TitleMaxLength)
            .WithMessage($"title has at most {TaskLimits.TitleMaxLength} characters after trimming.")
            .Must(title => !title!.Trim().Any(char.IsControl)).WithMessage("title cannot contain control characters.");

    public static IRuleBuilderOptions<T, string?> TaskDescription<T>(this IRuleBuilderInitial<T, string?> rule) =>
        rule
            .Cascade(CascadeMode.Stop)
            .Must(description => description is null || description.Length <= TaskLimits.DescriptionMaxLength)
            .WithMessage($"description has at most {TaskLimits.DescriptionMaxLength} characters.")
            // Databases store text without NUL characters; PostgreSQL rejects them outright.
            .Must(description => description is null || !description.Contains('\0', StringComparison.Ordinal))
            .WithMessage("description cannot contain NUL characters.");
}
