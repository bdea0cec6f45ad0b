using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using TaskManager.Domain.Tasks;

namespace TaskManager.Application.Tasks;

/// <summary>A task as the API shows it. Every member is always present.</summary>
/// <param name="Version">The source of the ETag, which carries it; not a member of the body.</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record TaskDto(
    Guid Id,
    [property: MinLength(1), MaxLength(TaskLimits.UserIdMaxLength)] string UserId,
    [property: MinLength(1), MaxLength(TaskLimits.TitleMaxLength)] string Title,
    [property: MaxLength(TaskLimits.DescriptionMaxLength)] string? Description,
    bool Completed,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    [property: JsonIgnore] int Version);
