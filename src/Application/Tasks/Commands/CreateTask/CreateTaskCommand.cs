using Mediator;

namespace TaskManager.Application.Tasks.Commands.CreateTask;

/// <summary>Creates a task for the caller.</summary>
public sealed record CreateTaskCommand(string? Title, string? Description, bool Completed) : ICommand<TaskDto>;
