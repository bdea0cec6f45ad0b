using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using TaskManager.Application.Common.Exceptions;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Application.Tasks;
using TaskManager.Domain.Tasks;

namespace TaskManager.Infrastructure.Persistence;

public sealed class TaskRepository(TaskManagerDbContext db) : ITaskRepository
{
    // A compiled query is bound to the model (and so the provider) it first ran with; each model gets its own.
    private static readonly ConditionalWeakTable<IModel, CompiledQueries> Compiled = [];

    public Task<TaskItem?> FindOwnedAsync(Guid id, string ownerId, CancellationToken cancellationToken) =>
        Queries.FindOwned(db, id, ownerId, cancellationToken);

    public Task<TaskDto?> FindOwnedDtoAsync(Guid id, string ownerId, CancellationToken cancellationToken) =>
        Queries.FindOwnedDto(db, id, ownerId, cancellationToken);

    private CompiledQueries Queries => Compiled.GetValue(db.Model, static _ => new CompiledQueries());

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
        var ordered = Order(
            criteria.After is { } after ? StartAfter(query, criteria.Sort, criteria.Order, after) : query, criteria.Sort, criteria.Order);
        var items = await (criteria.After is null ? ordered.Skip(criteria.Offset) : ordered)
            .Take(criteria.Limit + 1)
            .ProjectToDto()
            .ToListAsync(cancellationToken);
        var hasMore = items.Count > criteria.Limit;
        if (hasMore)
        {
            items.RemoveAt(items.Count - 1);
        }

        var total = !hasMore && criteria.After is null && (items.Count > 0 || criteria.Offset == 0)
            ? criteria.Offset + items.Count
            : await query.CountAsync(cancellationToken);
        return new TaskPage(items, total, hasMore);
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

    // The rows after the cursor in the list's own order (the key, then the id): an index seek at any depth.
#pragma warning disable CA1309, CA1310, CA1862 // CompareTo and lower() are translated to SQL's comparison, in the database's own order.
    private static IQueryable<TaskItem> StartAfter(IQueryable<TaskItem> query, TaskSortField sort, SortOrder order, TaskCursor after)
    {
        var id = after.Id;
        var key = after.Key;
        if (sort == TaskSortField.Title)
        {
            return order == SortOrder.Desc
                ? query.Where(t => t.Title.ToLower().CompareTo(key) < 0 || (t.Title.ToLower() == key && t.Id.CompareTo(id) < 0))
                : query.Where(t => t.Title.ToLower().CompareTo(key) > 0 || (t.Title.ToLower() == key && t.Id.CompareTo(id) > 0));
        }

        var time = after.Time;
        return (sort, order) switch
        {
            (TaskSortField.Updated, SortOrder.Desc) => query.Where(t => t.UpdatedAt < time || (t.UpdatedAt == time && t.Id.CompareTo(id) < 0)),
            (TaskSortField.Updated, _) => query.Where(t => t.UpdatedAt > time || (t.UpdatedAt == time && t.Id.CompareTo(id) > 0)),
            (_, SortOrder.Desc) => query.Where(t => t.CreatedAt < time || (t.CreatedAt == time && t.Id.CompareTo(id) < 0)),
            _ => query.Where(t => t.CreatedAt > time || (t.CreatedAt == time && t.Id.CompareTo(id) > 0)),
        };
    }
#pragma warning restore CA1309, CA1310, CA1862

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

    /// <summary>
    /// The single-task reads, compiled once: they run on every get, update, complete and delete, and translating the
    /// LINQ again each time was a tenth of a get's cost.
    /// </summary>
    private sealed class CompiledQueries
    {
        // Mapperly's projection as an expression tree, for a compiled query cannot call ProjectToDto itself.
        private static readonly Expression<Func<TaskItem, TaskDto>> ToDto = (Expression<Func<TaskItem, TaskDto>>)
            ((UnaryExpression)((MethodCallExpression)Array.Empty<TaskItem>().AsQueryable().ProjectToDto().Expression).Arguments[1]).Operand;

        public Func<TaskManagerDbContext, Guid, string, CancellationToken, Task<TaskItem?>> FindOwned { get; } =
            EF.CompileAsyncQuery((TaskManagerDbContext db, Guid id, string ownerId, CancellationToken _) =>
                db.Tasks.FirstOrDefault(t => t.Id == id && t.UserId == ownerId));

        public Func<TaskManagerDbContext, Guid, string, CancellationToken, Task<TaskDto?>> FindOwnedDto { get; } =
            EF.CompileAsyncQuery((TaskManagerDbContext db, Guid id, string ownerId, CancellationToken _) =>
                db.Tasks.AsNoTracking().Where(t => t.Id == id && t.UserId == ownerId).Select(ToDto).FirstOrDefault());
    }
}
