using Moq;
using TaskManager.Application.Common;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Application.Tasks.Commands.UpdateTask;
using TaskManager.Domain.Tasks;
using TaskManager.UnitTests.TestSupport;
using static TaskManager.UnitTests.TestSupport.TestTasks;

namespace TaskManager.UnitTests.Tasks.Commands.UpdateTask;

public sealed class UpdateTaskCommandHandlerTests
{
    private Mock<ITaskRepository> _repository = null!;

    private TaskItem _task = null!;

    private static Optional<T> Present<T>(T value) => new(true, value);

    private static UpdateTaskCommand Command(
        TaskItem task,
        Optional<string> title = default,
        Optional<string?> description = default,
        Optional<bool> completed = default) =>
        new(task.Id.ToString(), title, description, completed, IfMatch: null);

    private UpdateTaskCommandHandler Handler() =>
        new(RepositoryMocks.CurrentUser(Owner).Object, _repository.Object, new FakeClock(Later));

    [SetUp]
    public void SetUp()
    {
        _repository = new Mock<ITaskRepository>();
        _task = Stored("Buy milk", "2 litres", completed: false);
        _repository.SetupReads(_task.Id, _task);
    }

    [Test]
    public async Task Handle_WhenCallerOwnsTheTask_ChangesEveryPresentFieldSavesAndReturnsIt()
    {
        using var cancellation = new CancellationTokenSource();
        var command = Command(_task, Present<string>("  Buy bread "), Present<string?>("Wholemeal"), Present(true));

        var dto = await Handler().Handle(command, cancellation.Token);

        _repository.Verify(r => r.FindOwnedAsync(_task.Id, Owner, cancellation.Token), Times.Once);
        _repository.Verify(r => r.SaveChangesAsync(cancellation.Token), Times.Once);
        _repository.VerifyNoOtherCalls();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(dto.Id, Is.EqualTo(_task.Id));
            Assert.That(dto.UserId, Is.EqualTo(Owner));
            Assert.That(dto.Title, Is.EqualTo("Buy bread"));
            Assert.That(dto.Description, Is.EqualTo("Wholemeal"));
            Assert.That(dto.Completed, Is.True);
            Assert.That(dto.CreatedAt, Is.EqualTo(CreatedAt));
            Assert.That(dto.UpdatedAt, Is.EqualTo(LaterTruncated));
            Assert.That(dto.Version, Is.GreaterThan(1));
        }
    }

    [Test]
    public async Task Handle_WithOnlyTitle_ChangesTheTitleAndLeavesTheRest()
    {
        var dto = await Handler().Handle(Command(_task, title: Present<string>("Buy bread")), CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(dto.Title, Is.EqualTo("Buy bread"));
            Assert.That(dto.Description, Is.EqualTo("2 litres"));
            Assert.That(dto.Completed, Is.False);
            Assert.That(dto.UpdatedAt, Is.EqualTo(LaterTruncated));
            Assert.That(dto.Version, Is.EqualTo(2));
        }
    }

    [Test]
    public async Task Handle_WithOnlyCompleted_ChangesCompletionAndLeavesTheRest()
    {
        var dto = await Handler().Handle(Command(_task, completed: Present(true)), CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(dto.Title, Is.EqualTo("Buy milk"));
            Assert.That(dto.Description, Is.EqualTo("2 litres"));
            Assert.That(dto.Completed, Is.True);
            Assert.That(dto.UpdatedAt, Is.EqualTo(LaterTruncated));
        }
    }

    [Test]
    public async Task Handle_WithPresentNullDescription_ClearsTheDescription()
    {
        var dto = await Handler().Handle(Command(_task, description: Present<string?>(null)), CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(dto.Description, Is.Null);
            Assert.That(dto.Title, Is.EqualTo("Buy milk"));
            Assert.That(dto.UpdatedAt, Is.EqualTo(LaterTruncated));
        }
    }

    [Test]
    public async Task Handle_WithNoFields_LeavesTheTaskAndItsTimestampUntouched()
    {
        var dto = await Handler().Handle(Command(_task), CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(dto.Title, Is.EqualTo("Buy milk"));
            Assert.That(dto.Description, Is.EqualTo("2 litres"));
            Assert.That(dto.Completed, Is.False);
            Assert.That(dto.UpdatedAt, Is.EqualTo(CreatedAt));
            Assert.That(dto.Version, Is.EqualTo(1));
        }
    }

    [Test]
    public async Task Handle_WithTheCurrentValues_LeavesTheTaskAndItsTimestampUntouched()
    {
        var command = Command(_task, Present<string>(" Buy milk "), Present<string?>("2 litres"), Present(false));

        var dto = await Handler().Handle(command, CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(dto.Title, Is.EqualTo("Buy milk"));
            Assert.That(dto.UpdatedAt, Is.EqualTo(CreatedAt));
            Assert.That(dto.Version, Is.EqualTo(1));
        }
    }

    [Test]
    public async Task Handle_WhenSaveLosesARaceWithoutIfMatch_ReappliesTheChangeToTheFreshTask()
    {
        var fresh = ReadAgain(_task, t => t.SetCompleted(true, CreatedAt.AddMinutes(1)));
        _repository.SetupReads(_task.Id, _task, fresh);
        _repository.SetupConflicts(1);

        var dto = await Handler().Handle(Command(_task, title: Present<string>("Buy bread")), CancellationToken.None);

        _repository.Verify(r => r.FindOwnedAsync(_task.Id, Owner, It.IsAny<CancellationToken>()), Times.Exactly(2));
        _repository.Verify(r => r.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Exactly(2));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(fresh.Title, Is.EqualTo("Buy bread"));
            Assert.That(dto.Title, Is.EqualTo("Buy bread"));
            Assert.That(dto.Completed, Is.True, "the other writer's change survives");
            Assert.That(dto.Version, Is.EqualTo(3));
        }
    }

    [Test]
    public async Task Handle_WhenTheFirstTwoSavesLoseRaces_SucceedsOnTheThirdAttempt()
    {
        _repository.SetupReads(_task.Id, _task, ReadAgain(_task, _ => { }), ReadAgain(_task, _ => { }));
        _repository.SetupConflicts(2);

        var dto = await Handler().Handle(Command(_task, title: Present<string>("Buy bread")), CancellationToken.None);

        Assert.That(dto.Title, Is.EqualTo("Buy bread"));
        _repository.Verify(r => r.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Exactly(3));
    }
}
