using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Metadata;
using TaskManager.Application.Common.Exceptions;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Application.Tasks;
using TaskManager.Domain.Tasks;
using TaskManager.Infrastructure.Persistence.Idempotency;

namespace TaskManager.Infrastructure.Persistence;

public sealed class TaskRepository(TaskManagerDbContext db, IdempotencyStore idempotency) : ITaskRepository
{
    // Compiled once per EF model (a compiled query is bound to the provider it first ran with): translating the LINQ
    // again on every call cost a get a third of its throughput.
    private static readonly ConditionalWeakTable<IModel, Lookups> CompiledLookups = [];
    private static readonly ConditionalWeakTable<IModel, CompiledTaskQueries> CompiledLists = [];

    private Lookups ById => CompiledLookups.GetValue(db.Model, static _ => new Lookups());

    private CompiledTaskQueries Queries => CompiledLists.GetValue(db.Model, static _ => new CompiledTaskQueries());

    public Task<TaskItem?> FindOwnedAsync(Guid id, string ownerId, CancellationToken cancellationToken) =>
        ById.Tracked(db, id, ownerId, cancellationToken);

    public Task<TaskDto?> FindOwnedDtoAsync(Guid id, string ownerId, CancellationToken cancellationToken) =>
        ById.Shaped(db, id, ownerId, cancellationToken);

    public async Task<TaskPage> ListAsync(string ownerId, TaskListCriteria criteria, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(criteria);

        // One row more than the page tells whether another page follows. When none does, the total is known without
        // counting: a list that fits on one page, the usual case, costs one query.
        var usual = criteria.Search is null && criteria.After is null && criteria.Organizing is not { KeepsAll: false };
        var items = usual
            ? await CollectAsync(Queries.Page(criteria.Status, criteria.Sort, criteria.Order)(db, ownerId, criteria.Offset, criteria.Limit + 1), cancellationToken)
            : await Composed(ownerId, criteria, cancellationToken);
        var hasMore = items.Count > criteria.Limit;
        if (hasMore)
        {
            items.RemoveAt(items.Count - 1);
        }

        var total = !hasMore && criteria.After is null && (items.Count > 0 || criteria.Offset == 0)
            ? criteria.Offset + items.Count
            : usual
                ? await Queries.Count(criteria.Status)(db, ownerId, cancellationToken)
                : await Matching(ownerId, criteria).CountAsync(cancellationToken);
        return new TaskPage(items, total, hasMore);
    }

    public async Task<IReadOnlyList<TagCount>> ListTagsAsync(string ownerId, CancellationToken cancellationToken)
    {
        var tags = await db.Tasks.AsNoTracking()
            .Where(t => t.UserId == ownerId)
            .SelectMany(t => t.TagRows)
            .GroupBy(tag => tag.Key)
            .Select(group => new { group.Key, Name = group.Min(tag => tag.Name)!, Count = group.Count() })
            .ToListAsync(cancellationToken);
        // Sorted here, by the folded name: the same order on every database, whatever its collation.
        return [.. tags.OrderBy(tag => tag.Key, StringComparer.Ordinal).Select(tag => new TagCount(tag.Name, tag.Count))];
    }

    public void Add(TaskItem task) => db.Tasks.Add(task);

    public void Remove(TaskItem task) => db.Tasks.Remove(task);

    public async Task SaveChangesAsync(CancellationToken cancellationToken)
    {
        // An Idempotency-Key claimed by this request is completed in the same transaction as the write.
        idempotency.AddCompletion();
        try
        {
            await db.SaveVerifiedAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException exception)
        {
            // The caller may read again: it must see the database, not what this context remembers.
            db.ChangeTracker.Clear();
            // A claim that lapsed and was taken over by a retry: that retry's write is the one that counts.
            throw exception.Entries.Any(e => e.Entity is IdempotencyRecord)
                ? new IdempotencyConflictException()
                : new ConcurrencyConflictException(exception);
        }
    }

    private static async Task<List<TaskDto>> CollectAsync(IAsyncEnumerable<TaskDto> tasks, CancellationToken cancellationToken)
    {
        var list = new List<TaskDto>();
        await foreach (var task in tasks.WithCancellation(cancellationToken))
        {
            list.Add(task);
        }

        return list;
    }

    // A search, a cursor or an organizing filter: composed for each request, as their values shape the SQL.
    private Task<List<TaskDto>> Composed(string ownerId, TaskListCriteria criteria, CancellationToken cancellationToken)
    {
        var query = Matching(ownerId, criteria);
        var ordered = TaskQueryShapes.Order(
            criteria.After is { } after ? TaskQueryShapes.StartAfter(query, criteria.Sort, criteria.Order, after) : query,
            criteria.Sort,
            criteria.Order);
        return (criteria.After is null ? ordered.Skip(criteria.Offset) : ordered)
            .Take(criteria.Limit + 1)
            .ProjectToDto()
            .ToListAsync(cancellationToken);
    }

    private IQueryable<TaskItem> Matching(string ownerId, TaskListCriteria criteria)
    {
        var query = TaskQueryShapes.Filter(db.Tasks.AsNoTracking().Where(t => t.UserId == ownerId), criteria.Status);
        query = criteria.Organizing is { } organizing ? TaskQueryShapes.Organize(query, organizing) : query;
        return criteria.Search is { } search ? TaskQueryShapes.Search(query, search) : query;
    }

    private sealed class Lookups
    {
        public Func<TaskManagerDbContext, Guid, string, CancellationToken, Task<TaskItem?>> Tracked { get; } =
            EF.CompileAsyncQuery((TaskManagerDbContext db, Guid id, string ownerId, CancellationToken _) =>
                db.Tasks.FirstOrDefault(t => t.Id == id && t.UserId == ownerId));

        public Func<TaskManagerDbContext, Guid, string, CancellationToken, Task<TaskDto?>> Shaped { get; } =
            EF.CompileAsyncQuery((TaskManagerDbContext db, Guid id, string ownerId, CancellationToken _) =>
                db.Tasks.AsNoTracking().Where(t => t.Id == id && t.UserId == ownerId).Select(TaskMapper.Projection).FirstOrDefault());
    }
}
