using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using TaskManager.Application.Common;
using TaskManager.Domain.Tasks;

namespace TaskManager.WebApi.Controllers;

/// <summary>
/// The body of an update: the members present change, the others stay; <c>{}</c> changes nothing (200, updated_at kept).
/// <c>description: null</c> clears the description; <c>title: null</c> is a 422. Other members are ignored.
/// </summary>
public readonly record struct UpdateTaskRequest
{
    [MinLength(1), MaxLength(TaskLimits.TitleMaxLength)]
    [Description("Surrounding white space is trimmed; then minLength to maxLength UTF-16 code units, no control characters.")]
    public Optional<string> Title { get; init; }

    [MaxLength(TaskLimits.DescriptionMaxLength)]
    [Description("At most maxLength UTF-16 code units, stored as sent; null clears it.")]
    public Optional<string?> Description { get; init; }

    public Optional<bool> Completed { get; init; }

    [Description("RFC 3339 date-time with an offset (Z or ±hh:mm), stored in UTC to the millisecond; null clears it.")]
    public Optional<string?> DueAt { get; init; }

    [TaskPriorityName]
    [Description("none, low, medium or high, in lower case; null is refused.")]
    public Optional<string> Priority { get; init; }

    [MaxLength(TaskLimits.TagsMaxCount)]
    [Description("Each trimmed, 1 to 40 characters, no control characters; spellings that differ only by case are one tag (the first is kept); order kept. Replaces the whole list; [] removes every tag; null is refused.")]
    public Optional<IReadOnlyList<string>> Tags { get; init; }
}
