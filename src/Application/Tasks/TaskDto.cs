using System.ComponentModel.DataAnnotations;
using System.Linq.Expressions;
using System.Text.Json.Serialization;
using Riok.Mapperly.Abstractions;
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
    DateTime? DueAt,
    TaskPriority Priority,
    [property: MaxLength(TaskLimits.TagsMaxCount)] IReadOnlyList<string> Tags,
    DateTime? CompletedAt,
    [property: JsonIgnore] int Version);

/// <summary>
/// How a task becomes a <see cref="TaskDto"/>: in memory after a write, and in the database's own SQL when a read
/// selects it (the repositories' projections), so both shapes always agree.
/// </summary>
[Mapper]
internal static partial class TaskMapper
{
    /// <summary><see cref="ProjectToDto"/> as an expression tree, for a compiled query cannot call it itself.</summary>
    public static readonly Expression<Func<TaskItem, TaskDto>> Projection = (Expression<Func<TaskItem, TaskDto>>)
        ((UnaryExpression)((MethodCallExpression)Array.Empty<TaskItem>().AsQueryable().ProjectToDto().Expression).Arguments[1]).Operand;

    [MapperIgnoreSource(nameof(TaskItem.TagRows))]
    public static partial TaskDto ToDto(this TaskItem task);

    public static partial IQueryable<TaskDto> ProjectToDto(this IQueryable<TaskItem> tasks);
}
