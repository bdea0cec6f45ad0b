using Moq;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Application.Tasks.Commands.DeleteTask;
using TaskManager.Domain.Tasks;
using TaskManager.UnitTests.TestSupport;
using static TaskManager.UnitTests.TestSupport.TestTasks;

namespace TaskManager.UnitTests.Tasks.Commands.DeleteTask;

public sealed class DeleteTaskCommandHandlerTests
{
    private Mock<ITaskRepository> _repository = null!;

    private TaskItem _task = null!;

    private DeleteTaskCommand Command() => new(_task.Id.ToString(), IfMatch: null);

    private DeleteTaskCommandHandler Handler() => new(RepositoryMocks.CurrentUser(Owner).Object, _repository.Object);

    [SetUp]
    public void SetUp()
    {
        _repository = new Mock<ITaskRepository>();
        _task = Stored();
        _repository.SetupReads(_task.Id, _task);
    }

    [Test]
    public async Task Handle_WhenCallerOwnsTheTask_RemovesThenSavesIt()
    {
        var calls = new List<string>();
        _repository.Setup(r => r.Remove(_task)).Callback(() => calls.Add("remove"));
        _repository.Setup(r => r.SaveChangesAsync(It.IsAny<CancellationToken>()))
            .Callback(() => calls.Add("save"))
            .Returns(Task.CompletedTask);
        using var cancellation = new CancellationTokenSource();

        await Handler().Handle(Command(), cancellation.Token);

        Assert.That(calls, Is.EqualTo(new[] { "remove", "save" }));
        _repository.Verify(r => r.FindOwnedAsync(_task.Id, Owner, cancellation.Token), Times.Once);
        _repository.Verify(r => r.Remove(_task), Times.Once);
        _repository.Verify(r => r.SaveChangesAsync(cancellation.Token), Times.Once);
        _repository.VerifyNoOtherCalls();
    }

    [Test]
    public async Task Handle_WhenSaveLosesARaceWithoutIfMatch_RemovesTheFreshTask()
    {
        var fresh = ReadAgain(_task, t => t.Rename("Buy bread", CreatedAt.AddMinutes(1)));
        _repository.SetupReads(_task.Id, _task, fresh);
        _repository.SetupConflicts(1);

        await Handler().Handle(Command(), CancellationToken.None);

        _repository.Verify(r => r.Remove(fresh), Times.Once);
        _repository.Verify(r => r.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Exactly(2));
    }
}
