using Mediator;
using Moq;
using TaskManager.Application.Common;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Domain.Tasks;
using TaskManager.UnitTests.TestSupport;

namespace TaskManager.UnitTests.Tasks.Commands;

/// <summary>
/// A handler that changes one task its owner names, told only as much as <see cref="OwnedTaskCommandTests"/> needs
/// to run the checks every such handler must pass: how to send its command, and how to see that its change was made.
/// </summary>
public sealed class OwnedTaskHandler
{
    private readonly string _name;

    private readonly Func<ICurrentUser, ITaskRepository, string, Precondition?, Task> _handle;

    private readonly Action<TaskItem, Mock<ITaskRepository>> _assertChanged;

    private OwnedTaskHandler(
        string name,
        Func<ICurrentUser, ITaskRepository, string, Precondition?, Task> handle,
        Action<TaskItem, Mock<ITaskRepository>> assertChanged)
    {
        _name = name;
        _handle = handle;
        _assertChanged = assertChanged;
    }

    /// <param name="name">Shows in each test case's name, so a failure says which handler broke.</param>
    /// <param name="command">Builds a command that changes the task, from the task id and If-Match.</param>
    /// <param name="handler">Builds the handler over the current user and the repository.</param>
    /// <param name="assertChanged">Asserts that the change reached the task the repository handed out.</param>
    public static OwnedTaskHandler For<TCommand, TResponse>(
        string name,
        Func<string, Precondition?, TCommand> command,
        Func<ICurrentUser, ITaskRepository, ICommandHandler<TCommand, TResponse>> handler,
        Action<TaskItem, Mock<ITaskRepository>> assertChanged)
        where TCommand : ICommand<TResponse> =>
        new(
            name,
            async (currentUser, repository, taskId, ifMatch) =>
                await handler(currentUser, repository).Handle(command(taskId, ifMatch), CancellationToken.None),
            assertChanged);

    /// <summary>Sends the command for the owner's task <paramref name="taskId"/>.</summary>
    public Task Handle(Mock<ITaskRepository> repository, string taskId, Precondition? ifMatch)
    {
        ArgumentNullException.ThrowIfNull(repository);
        return _handle(RepositoryMocks.CurrentUser(TestTasks.Owner).Object, repository.Object, taskId, ifMatch);
    }

    public void AssertChanged(TaskItem task, Mock<ITaskRepository> repository) => _assertChanged(task, repository);

    public override string ToString() => _name;
}
