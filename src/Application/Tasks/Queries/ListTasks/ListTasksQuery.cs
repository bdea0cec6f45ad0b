using Mediator;

namespace TaskManager.Application.Tasks.Queries.ListTasks;

/// <summary>A page of the caller's tasks. The web boundary reads and checks the criteria from the query string.</summary>
public sealed record ListTasksQuery(TaskListCriteria Criteria) : IQuery<TaskPage>;
