using Mediator;
using TaskManager.Application.Common.Interfaces;

namespace TaskManager.Application.Tasks.Commands.DeleteTask;

public sealed class DeleteTaskCommandHandler(ICurrentUser currentUser, ITaskRepository repository)
    : ICommandHandler<DeleteTaskCommand>
{
    public async ValueTask<Unit> Handle(DeleteTaskCommand command, CancellationToken cancellationToken)
    {
        var ownerId = currentUser.RequireOwner(command.UserId);
        await repository.ChangeOwnedAsync(ownerId, command.TaskId, command.IfMatch, repository.Remove, cancellationToken);
        return Unit.Value;
    }
}
