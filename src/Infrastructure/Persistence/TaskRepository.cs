using Microsoft.EntityFrameworkCore;
using TaskManager.Application.Common.Exceptions;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Application.Tasks;
using TaskManager.Domain.Tasks;

namespace TaskManager.Infrastructure.Persistence;

public sealed class TaskRepository(TaskManagerDbContext db) : ITaskRepository
{
    public Task<TaskItem?> FindOwnedAsync(Guid id, string ownerId, CancellationToken cancellationToken) =>
        db.Tasks.FirstOrDefaultAsync(t => t.Id == id && t.UserId == ownerId, cancellationToken);

    public Task<TaskDto?> FindOwnedDtoAsync(Guid id, string ownerId, CancellationToken cancellationToken) =>
        db.Tasks.AsNoTracking().Where(t => t.Id == id && t.UserId == ownerId).ProjectToDto().FirstOrDefaultAsync(cancellationToken);

    public async Task<TaskPage> ListAsync(string ownerId, TaskListCriteria criteria, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        var query = db.Tasks.AsNoTracking().Where(t => t.UserId == ownerId);
        query = criteria.Status switch
        {
            TaskStatusFilter.Pending => query.Where(t => !t.Completed),
            TaskStatusFilter.Completed => query.Where(t => t.Completed),
            _ => query,
        };
        if (criteria.Search is { } search)
        {
            var needle = search.ToLowerInvariant();
#pragma warning disable CA1862 // Translated to SQL lower(), which every provider has; comparison overloads are not.
            query = query.Where(t => t.Title.ToLower().Contains(needle)
                || (t.Description != null && t.Description.ToLower().Contains(needle)));
#pragma warning restore CA1862
        }

        // One row more than the page tells whether another page follows. When none does, the total is known without
        // counting: a list that fits on one page, the usual case, costs one query.
        var items = await Order(query, criteria.Sort, criteria.Order)
            .Skip(criteria.Offset)
            .Take(criteria.Limit + 1)
            .ProjectToDto()
            .ToListAsync(cancellationToken);
        if (items.Count <= criteria.Limit && (items.Count > 0 || criteria.Offset == 0))
        {
            return new TaskPage(items, criteria.Offset + items.Count);
        }

        var total = await query.CountAsync(cancellationToken);
        if (items.Count > criteria.Limit)
        {
            items.RemoveAt(items.Count - 1);
        }

        return new TaskPage(items, total);
    }

    public void Add(TaskItem task) => db.Tasks.Add(task);

    public void Remove(TaskItem task) => db.Tasks.Remove(task);

    public async Task SaveChangesAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException exception)
        {
            // The caller may read again: it must see the database, not what this context remembers.
            db.ChangeTracker.Clear();
            throw new ConcurrencyConflictException(exception);
        }
    }

    // Ties are broken by id so that pages never overlap or skip.
    private static IQueryable<TaskItem> Order(IQueryable<TaskItem> query, TaskSortField sort, SortOrder order) =>
        (sort, order) switch
        {
            (TaskSortField.Updated, SortOrder.Asc) => query.OrderBy(t => t.UpdatedAt).ThenBy(t => t.Id),
            (TaskSortField.Updated, SortOrder.Desc) => query.OrderByDescending(t => t.UpdatedAt).ThenByDescending(t => t.Id),
            (TaskSortField.Title, SortOrder.Asc) => query.OrderBy(t => t.Title.ToLower()).ThenBy(t => t.Id),
            (TaskSortField.Title, SortOrder.Desc) => query.OrderByDescending(t => t.Title.ToLower()).ThenByDescending(t => t.Id),
            (_, SortOrder.Desc) => query.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id),
            _ => query.OrderBy(t => t.CreatedAt).ThenBy(t => t.Id),
        };
}
