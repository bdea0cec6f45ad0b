namespace TaskManager.Application.Tasks;

public enum TaskStatusFilter
{
    All,
    Pending,
    Completed,
}

public enum TaskSortField
{
    Created,
    Updated,
    Title,
}

public enum SortOrder
{
    Asc,
    Desc,
}

/// <summary>What a list asks for, already validated.</summary>
public sealed record TaskListCriteria(
    TaskStatusFilter Status,
    TaskSortField Sort,
    SortOrder Order,
    string? Search,
    int Limit,
    int Offset);

public sealed record TaskPage(IReadOnlyList<TaskDto> Items, int Total);
