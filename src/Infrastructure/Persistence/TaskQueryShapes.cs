using TaskManager.Application.Tasks;
using TaskManager.Domain.Tasks;

namespace TaskManager.Infrastructure.Persistence;

/// <summary>How a list narrows and orders the tasks; shared by the compiled queries and the composed ones.</summary>
internal static class TaskQueryShapes
{
    public static IQueryable<TaskItem> Filter(IQueryable<TaskItem> query, TaskStatusFilter status)
    {
        if (status == TaskStatusFilter.All)
        {
            return query;
        }

        // Compared with a value rather than written as `completed` / `NOT completed`: SQLite seeks an index on an
        // equality only, so that "pending, due before X" reads the user's pending tasks due by then, no other.
        var completed = status == TaskStatusFilter.Completed;
        return query.Where(t => t.Completed == completed);
    }

    public static IQueryable<TaskItem> Organize(IQueryable<TaskItem> query, TaskOrganizingFilter filter)
    {
        if (filter.Priorities is { } priorities)
        {
            query = query.Where(t => priorities.Contains(t.Priority));
        }

        // One EXISTS per tag, each a seek on task_tags' key (task_id, key).
        foreach (var key in filter.TagKeys)
        {
            query = query.Where(t => t.TagRows.Any(tag => tag.Key == key));
        }

        if (filter.DueBefore is { } before)
        {
            query = query.Where(t => t.DueAt < before);
        }

        if (filter.DueAfter is { } after)
        {
            query = query.Where(t => t.DueAt >= after);
        }

        return query;
    }

#pragma warning disable CA1862 // Translated to SQL lower(), which every provider has; comparison overloads are not.
    public static IQueryable<TaskItem> Search(IQueryable<TaskItem> query, string search)
    {
        var needle = search.ToLowerInvariant();
        return query.Where(t => t.Title.ToLower().Contains(needle) || (t.Description != null && t.Description.ToLower().Contains(needle)));
    }
#pragma warning restore CA1862

    // Ties are broken by id so that pages never overlap or skip.
    public static IQueryable<TaskItem> Order(IQueryable<TaskItem> query, TaskSortField sort, SortOrder order) =>
        (sort, order) switch
        {
            (TaskSortField.Updated, SortOrder.Asc) => query.OrderBy(t => t.UpdatedAt).ThenBy(t => t.Id),
            (TaskSortField.Updated, SortOrder.Desc) => query.OrderByDescending(t => t.UpdatedAt).ThenByDescending(t => t.Id),
            (TaskSortField.Title, SortOrder.Asc) => query.OrderBy(t => t.Title.ToLower()).ThenBy(t => t.Id),
            (TaskSortField.Title, SortOrder.Desc) => query.OrderByDescending(t => t.Title.ToLower()).ThenByDescending(t => t.Id),
            // Tasks without a due time last in both orders: first by whether there is one, then by it.
            (TaskSortField.Due, SortOrder.Asc) => query.OrderBy(t => t.DueAt == null).ThenBy(t => t.DueAt).ThenBy(t => t.Id),
            (TaskSortField.Due, SortOrder.Desc) => query.OrderBy(t => t.DueAt == null).ThenByDescending(t => t.DueAt).ThenByDescending(t => t.Id),
            (TaskSortField.Priority, SortOrder.Asc) => query.OrderBy(t => t.Priority).ThenBy(t => t.Id),
            (TaskSortField.Priority, SortOrder.Desc) => query.OrderByDescending(t => t.Priority).ThenByDescending(t => t.Id),
            (_, SortOrder.Desc) => query.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id),
            _ => query.OrderBy(t => t.CreatedAt).ThenBy(t => t.Id),
        };

    // The rows after the cursor in the list's own order (the key, then the id): an index seek at any depth.
#pragma warning disable CA1309, CA1310, CA1862 // CompareTo and lower() are translated to SQL's comparison, in the database's own order.
    public static IQueryable<TaskItem> StartAfter(IQueryable<TaskItem> query, TaskSortField sort, SortOrder order, TaskCursor after)
    {
        var id = after.Id;
        var key = after.Key;
        if (sort == TaskSortField.Title)
        {
            return order == SortOrder.Desc
                ? query.Where(t => t.Title.ToLower().CompareTo(key) < 0 || (t.Title.ToLower() == key && t.Id.CompareTo(id) < 0))
                : query.Where(t => t.Title.ToLower().CompareTo(key) > 0 || (t.Title.ToLower() == key && t.Id.CompareTo(id) > 0));
        }

        return sort switch
        {
            TaskSortField.Due => AfterDue(query, order, after.Time, id),
            TaskSortField.Priority => AfterRank(query, order, after.Rank, id),
            _ => AfterTime(query, sort, order, after.Time!.Value, id),
        };
    }

    private static IQueryable<TaskItem> AfterTime(IQueryable<TaskItem> query, TaskSortField sort, SortOrder order, DateTime time, Guid id) =>
        (sort, order) switch
        {
            (TaskSortField.Updated, SortOrder.Desc) => query.Where(t => t.UpdatedAt < time || (t.UpdatedAt == time && t.Id.CompareTo(id) < 0)),
            (TaskSortField.Updated, _) => query.Where(t => t.UpdatedAt > time || (t.UpdatedAt == time && t.Id.CompareTo(id) > 0)),
            (_, SortOrder.Desc) => query.Where(t => t.CreatedAt < time || (t.CreatedAt == time && t.Id.CompareTo(id) < 0)),
            _ => query.Where(t => t.CreatedAt > time || (t.CreatedAt == time && t.Id.CompareTo(id) > 0)),
        };

    // After a task with a due time: the later (earlier) ones, then every task without one; after one without: only those.
    private static IQueryable<TaskItem> AfterDue(IQueryable<TaskItem> query, SortOrder order, DateTime? due, Guid id) =>
        (due, order) switch
        {
            (null, SortOrder.Desc) => query.Where(t => t.DueAt == null && t.Id.CompareTo(id) < 0),
            (null, _) => query.Where(t => t.DueAt == null && t.Id.CompareTo(id) > 0),
            (_, SortOrder.Desc) => query.Where(t => t.DueAt == null || t.DueAt < due || (t.DueAt == due && t.Id.CompareTo(id) < 0)),
            _ => query.Where(t => t.DueAt == null || t.DueAt > due || (t.DueAt == due && t.Id.CompareTo(id) > 0)),
        };

    private static IQueryable<TaskItem> AfterRank(IQueryable<TaskItem> query, SortOrder order, TaskPriority rank, Guid id) =>
        order == SortOrder.Desc
            ? query.Where(t => t.Priority < rank || (t.Priority == rank && t.Id.CompareTo(id) < 0))
            : query.Where(t => t.Priority > rank || (t.Priority == rank && t.Id.CompareTo(id) > 0));
#pragma warning restore CA1309, CA1310, CA1862
}
