using Mediator;

namespace TaskManager.Application.Tasks.Queries.GetTask;

public sealed record GetTaskQuery(string TaskId) : IQuery<TaskDto>;
