using Mediator;
using TaskManager.Application.Common;

namespace TaskManager.Application.Tasks.Commands.CompleteTask;

/// <summary>Sets completion to <paramref name="Completed"/>, or toggles it when that is null (the original's behaviour).</summary>
public sealed record CompleteTaskCommand(string TaskId, bool? Completed, Precondition? IfMatch) : ICommand<TaskDto>;
