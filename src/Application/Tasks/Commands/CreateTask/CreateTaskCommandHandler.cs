using Mediator;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Domain.Tasks;

namespace TaskManager.Application.Tasks.Commands.CreateTask;

public sealed class CreateTaskCommandHandler(ICurrentUser currentUser, ITaskRepository repository, TimeProvider clock)
    : ICommandHandler<CreateTaskCommand, TaskDto>
{
    public async ValueTask<TaskDto> Handle(CreateTaskCommand command, CancellationToken cancellationToken)
    {
        var task = TaskItem.Create(currentUser.UserId, command.Title!, command.Description, command.Completed, clock.GetUtcNow().UtcDateTime);
        repository.Add(task);
        await repository.SaveChangesAsync(cancellationToken);
        return task.ToDto();
    }
}
