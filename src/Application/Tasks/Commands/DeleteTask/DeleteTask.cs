using TaskManager.Application.Common;
using TaskManager.Application.Common.Interfaces;

namespace TaskManager.Application.Tasks.Commands.DeleteTask;

public sealed record DeleteTaskCommand(string TaskId, Precondition? IfMatch) : ICommand;

internal sealed class DeleteTaskCommandHandler(ICurrentUser currentUser, ITaskRepository repository)
    : ICommandHandler<DeleteTaskCommand>
{
    public async ValueTask<Unit> Handle(DeleteTaskCommand command, CancellationToken cancellationToken)
    {
        await repository.ChangeOwnedAsync(currentUser.UserId, command.TaskId, command.IfMatch, repository.Remove, cancellationToken);
        return Unit.Value;
    }
}
