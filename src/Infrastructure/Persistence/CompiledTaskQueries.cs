using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using TaskManager.Application.Tasks;
using TaskManager.Domain.Tasks;

namespace TaskManager.Infrastructure.Persistence;

/// <summary>
/// The list's usual queries (no search, no cursor), translated once per shape instead of on each call, like
/// <see cref="TaskRepository"/>'s lookups by id. One instance per EF model: a compiled query is bound to the model,
/// and so the provider, it first ran with.
/// </summary>
internal sealed class CompiledTaskQueries
{
    private readonly ConcurrentDictionary<(TaskStatusFilter, TaskSortField, SortOrder), Func<TaskManagerDbContext, string, int, int, IAsyncEnumerable<TaskDto>>> _pages = new();
    private readonly ConcurrentDictionary<TaskStatusFilter, Func<TaskManagerDbContext, string, CancellationToken, Task<int>>> _counts = new();

    /// <summary>A page of the owner's tasks (skip, take) with a status filter and an order: a list without search or cursor.</summary>
    public Func<TaskManagerDbContext, string, int, int, IAsyncEnumerable<TaskDto>> Page(TaskStatusFilter status, TaskSortField sort, SortOrder order) =>
        _pages.GetOrAdd((status, sort, order), static key =>
        {
            var (status, sort, order) = key;
            var template = new Template();
            var skip = Expression.Parameter(typeof(int), "skip");
            var take = Expression.Parameter(typeof(int), "take");
            var page = Expression.Call(Method<int, IQueryable<TaskItem>>(Queryable.Skip), template.Bind(TaskQueryShapes.Order(template.Filtered(status), sort, order)), skip);
            page = Expression.Call(Method<int, IQueryable<TaskItem>>(Queryable.Take), page, take);
            var body = Expression.Call(Method<Expression<Func<TaskItem, TaskDto>>, IQueryable<TaskDto>>(Queryable.Select), page, Expression.Quote(TaskMapper.Projection));
            return EF.CompileAsyncQuery(
                Expression.Lambda<Func<TaskManagerDbContext, string, int, int, IQueryable<TaskDto>>>(body, template.Db, template.OwnerId, skip, take));
        });

    /// <summary>How many of the owner's tasks a status filter keeps.</summary>
    public Func<TaskManagerDbContext, string, CancellationToken, Task<int>> Count(TaskStatusFilter status) =>
        _counts.GetOrAdd(status, static status =>
        {
            var template = new Template();
            var body = Expression.Call(new Func<IQueryable<TaskItem>, int>(Queryable.Count).Method, template.Bind(template.Filtered(status)));
            return EF.CompileAsyncQuery(Expression.Lambda<Func<TaskManagerDbContext, string, CancellationToken, int>>(
                body, template.Db, template.OwnerId, Expression.Parameter(typeof(CancellationToken), "cancellationToken")));
        });

    private static MethodInfo Method<TArgument, TResult>(Func<IQueryable<TaskItem>, TArgument, TResult> method) => method.Method;

    /// <summary>
    /// Lets <see cref="TaskQueryShapes"/> write a compiled query: a query composed over a stand-in source, filtered by
    /// a stand-in owner, becomes the body of a lambda over the context and the owner id.
    /// </summary>
    private sealed class Template : ExpressionVisitor
    {
        // A field, not a constant: the composed query must hold a reference to it for Bind to find.
        private static readonly string OwnerStandIn = string.Empty;

        private readonly IQueryable<TaskItem> _source = Array.Empty<TaskItem>().AsQueryable();

        public ParameterExpression Db { get; } = Expression.Parameter(typeof(TaskManagerDbContext), "db");

        public ParameterExpression OwnerId { get; } = Expression.Parameter(typeof(string), "ownerId");

        public IQueryable<TaskItem> Filtered(TaskStatusFilter status) =>
            TaskQueryShapes.Filter(_source.Where(t => t.UserId == OwnerStandIn), status);

        public Expression Bind(IQueryable<TaskItem> composed) => Visit(composed.Expression);

        protected override Expression VisitConstant(ConstantExpression node) =>
            ReferenceEquals(node.Value, _source)
                ? Expression.Call(
                    new Func<IQueryable<TaskItem>, IQueryable<TaskItem>>(EntityFrameworkQueryableExtensions.AsNoTracking).Method,
                    Expression.Property(Db, nameof(TaskManagerDbContext.Tasks)))
                : node;

        protected override Expression VisitMember(MemberExpression node) =>
            node.Expression is null && node.Member.Name == nameof(OwnerStandIn) && node.Member.DeclaringType == typeof(Template)
                ? OwnerId
                : base.VisitMember(node);
    }
}
