using Mediator;

namespace TaskManager.Application.Tasks.Commands.CreateTask;

/// <summary>Creates a task for <paramref name="UserId"/>, who must be the caller.</summary>
public sealed record CreateTaskCommand(string UserId, string? Title, string? Description, bool Completed) : ICommand<TaskDto>;
