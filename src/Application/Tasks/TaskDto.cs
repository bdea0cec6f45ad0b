using System.Text.Json.Serialization;

namespace TaskManager.Application.Tasks;

/// <summary>The task as the API shows it.</summary>
public sealed record TaskDto(
    Guid Id,
    string UserId,
    string Title,
    string? Description,
    bool Completed,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    [property: JsonIgnore] int Version);
