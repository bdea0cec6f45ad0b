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

/// <summary>What a list asks for, already validated. With <paramref name="After"/>, the page starts after that position instead of at <paramref name="Offset"/>.</summary>
public sealed record TaskListCriteria(
    TaskStatusFilter Status,
    TaskSortField Sort,
    SortOrder Order,
    string? Search,
    int Limit,
    int Offset,
    TaskCursor? After = null);

/// <param name="Total">The matches before paging.</param>
/// <param name="HasMore">Whether another page follows this one.</param>
public sealed record TaskPage(IReadOnlyList<TaskDto> Items, int Total, bool HasMore);
