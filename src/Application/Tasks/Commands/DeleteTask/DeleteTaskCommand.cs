using Mediator;
using TaskManager.Application.Common;

namespace TaskManager.Application.Tasks.Commands.DeleteTask;

public sealed record DeleteTaskCommand(string TaskId, Precondition? IfMatch) : ICommand;
