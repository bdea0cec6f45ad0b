using Mediator;
using TaskManager.Application.Common;

namespace TaskManager.Application.Tasks.Commands.UpdateTask;

/// <summary>Changes the fields that are present and leaves the absent ones as they are.</summary>
public sealed record UpdateTaskCommand(
    string TaskId,
    Optional<string> Title,
    Optional<string?> Description,
    Optional<bool> Completed,
    Precondition? IfMatch) : ICommand<TaskDto>;
