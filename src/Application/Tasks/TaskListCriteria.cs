namespace TaskManager.Application.Tasks;

/// <summary>What a list asks for, already validated. With <paramref name="After"/>, the page starts after that position instead of at <paramref name="Offset"/>.</summary>
/// <param name="Search">Text the title or description contains; null matches every task.</param>
/// <param name="Organizing">Priority, tag and due filters; null keeps every task.</param>
public sealed record TaskListCriteria(
    TaskStatusFilter Status,
    TaskSortField Sort,
    SortOrder Order,
    string? Search,
    int Limit,
    int Offset,
    TaskCursor? After = null,
    TaskOrganizingFilter? Organizing = null);
