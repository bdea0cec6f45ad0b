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
}
