using Riok.Mapperly.Abstractions;
using TaskManager.Domain.Tasks;

namespace TaskManager.Application.Tasks;

[Mapper]
public static partial class TaskMapper
{
    public static partial TaskDto ToDto(this TaskItem task);

    public static partial IQueryable<TaskDto> ProjectToDto(this IQueryable<TaskItem> tasks);
}
