using System.Linq.Expressions;
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

    public static IRuleBuilderOptions<T, string?> TaskDueAt<T>(this IRuleBuilderInitial<T, string?> rule) =>
        rule
            .Must(dueAt => dueAt is null || Timestamp.TryParseRfc3339(dueAt, out _))
            .WithMessage("due_at must be an RFC 3339 date-time with an offset (Z or ±hh:mm), or null.");

    public static IRuleBuilderOptions<T, string?> TaskPriority<T>(this IRuleBuilderInitial<T, string?> rule) =>
        rule
            .Must(priority => TaskPriorityNames.TryParse(priority, out _))
            .WithMessage("priority must be none, low, medium or high.");

    /// <summary>The list's rules; each tag's own rules name it by index (<c>tags[3]</c>).</summary>
    public static void TaskTags<T>(this AbstractValidator<T> validator, Func<T, bool> present, Expression<Func<T, IEnumerable<string>>> tags)
    {
        validator.RuleFor(tags).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("tags cannot be null; [] removes every tag.")
            .Must(list => TaskTag.Normalize(list!).Length <= TaskLimits.TagsMaxCount)
            .WithMessage($"tags holds at most {TaskLimits.TagsMaxCount} tags (spellings that differ only by case count once).")
            .OverridePropertyName("Tags").When(present);
        // One check per tag, so that each bad tag is reported under its own index.
        validator.RuleForEach<string>(tags)
            .Must((_, tag, context) =>
            {
                var problem = TagProblem(tag.Trim());
                context.MessageFormatter.AppendArgument("Problem", problem);
                return problem is null;
            })
            .WithMessage("tags[{CollectionIndex}] {Problem}")
            .OverridePropertyName("Tags").When(present);
    }

    /// <summary>The priority a valid name stands for.</summary>
    public static Domain.Tasks.TaskPriority PriorityNamed(string name) =>
        TaskPriorityNames.TryParse(name, out var priority) ? priority : throw new ArgumentException(null, nameof(name));

    /// <summary>The time a valid due_at stands for; null clears it.</summary>
    public static DateTime? DueTime(string? text) =>
        text is null ? null : Timestamp.TryParseRfc3339(text, out var due) ? due : throw new ArgumentException(null, nameof(text));

    private static string? TagProblem(string trimmed) =>
        trimmed.Length == 0 ? "cannot be blank."
        : trimmed.Length > TaskLimits.TagMaxLength ? $"has at most {TaskLimits.TagMaxLength} characters after trimming."
        : trimmed.Any(char.IsControl) ? "cannot contain control characters."
        : !StorableText.IsStorable(trimmed) ? "must be valid Unicode text."
        : null;
}
