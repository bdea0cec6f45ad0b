using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using TaskManager.Application.Common;
using TaskManager.Domain.Tasks;

namespace TaskManager.WebApi.Controllers;

/// <summary>The body of a create. Other members (id, user_id, created_at, updated_at, anything else) are ignored.</summary>
public readonly record struct CreateTaskRequest
{
    [Required, MinLength(1), MaxLength(TaskLimits.TitleMaxLength)]
    [Description("Surrounding white space is trimmed; then minLength to maxLength UTF-16 code units, no control characters.")]
    public Optional<string> Title { get; init; }

    [MaxLength(TaskLimits.DescriptionMaxLength)]
    [Description("At most maxLength UTF-16 code units, stored as sent; null means none.")]
    public Optional<string?> Description { get; init; }

    [Description("false when absent.")]
    public Optional<bool> Completed { get; init; }

    [Description("RFC 3339 date-time with an offset (Z or ±hh:mm), stored in UTC to the millisecond; null or absent: none.")]
    public Optional<string?> DueAt { get; init; }

    [TaskPriorityName]
    [Description("none (when absent), low, medium or high, in lower case; null is refused.")]
    public Optional<string> Priority { get; init; }

    [MaxLength(TaskLimits.TagsMaxCount)]
    [Description("Each trimmed, 1 to 40 characters, no control characters; spellings that differ only by case are one tag (the first is kept); order kept. [] when absent; null is refused.")]
    public Optional<IReadOnlyList<string>> Tags { get; init; }
}
