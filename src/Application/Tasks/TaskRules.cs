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
            .Must(title => !title!.Trim().Any(char.IsControl)).WithMessage("title cannot contain control characters.")
            .Must(title => StorableText.IsStorable(title)).WithMessage("title must be valid Unicode text.");

    public static IRuleBuilderOptions<T, string?> TaskDescription<T>(this IRuleBuilderInitial<T, string?> rule) =>
        rule
            .Cascade(CascadeMode.Stop)
            .Must(description => description is null || description.Length <= TaskLimits.DescriptionMaxLength)
            .WithMessage($"description has at most {TaskLimits.DescriptionMaxLength} characters.")
            // Other control characters are kept: every database stores them, and a description may need tabs or lines.
            .Must(description => StorableText.IsStorable(description))
            .WithMessage("description cannot contain NUL characters or unpaired surrogates.");
}
