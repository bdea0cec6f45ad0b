using Mediator;

namespace TaskManager.Application.Tasks.Queries.ListTasks;

public sealed record ListTasksQuery(
    string UserId,
    TaskStatusFilter Status = TaskStatusFilter.All,
    TaskSortField Sort = TaskSortField.Created,
    SortOrder Order = SortOrder.Asc,
    string? Search = null,
    int Limit = ListTasksQuery.DefaultLimit,
    int Offset = 0,
    TaskCursor? After = null) : IQuery<TaskPage>
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;
    public const int SearchMaxLength = 1000;
}
