using Moq;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Application.Tasks.Commands.CompleteTask;
using TaskManager.Domain.Tasks;
using TaskManager.UnitTests.TestSupport;
using static TaskManager.UnitTests.TestSupport.TestTasks;

namespace TaskManager.UnitTests.Tasks.Commands.CompleteTask;

public sealed class CompleteTaskCommandHandlerTests
{
    private Mock<ITaskRepository> _repository = null!;

    private TaskItem _task = null!;

    private CompleteTaskCommand Command(bool? completed) => new(_task.Id.ToString(), completed, IfMatch: null);

    private CompleteTaskCommandHandler Handler() =>
        new(RepositoryMocks.CurrentUser(Owner).Object, _repository.Object, new FakeClock(Later));

    private void GivenStoredTask(bool completed)
    {
        _task = Stored("Buy milk", "2 litres", completed);
        _repository.SetupReads(_task.Id, _task);
    }

    [SetUp]
    public void SetUp()
    {
        _repository = new Mock<ITaskRepository>();
        GivenStoredTask(completed: false);
    }

    [Test]
    public async Task Handle_WhenCallerOwnsTheTask_SavesAndReturnsIt()
    {
        using var cancellation = new CancellationTokenSource();

        var dto = await Handler().Handle(Command(completed: true), cancellation.Token);

        _repository.Verify(r => r.FindOwnedAsync(_task.Id, Owner, cancellation.Token), Times.Once);
        _repository.Verify(r => r.SaveChangesAsync(cancellation.Token), Times.Once);
        _repository.VerifyNoOtherCalls();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(dto.Id, Is.EqualTo(_task.Id));
            Assert.That(dto.UserId, Is.EqualTo(Owner));
            Assert.That(dto.Title, Is.EqualTo("Buy milk"));
            Assert.That(dto.Description, Is.EqualTo("2 litres"));
            Assert.That(dto.Completed, Is.True);
            Assert.That(dto.CreatedAt, Is.EqualTo(CreatedAt));
            Assert.That(dto.UpdatedAt, Is.EqualTo(LaterTruncated));
            Assert.That(dto.Version, Is.EqualTo(2));
        }
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task Handle_WithoutAValue_TogglesCompletion(bool before)
    {
        GivenStoredTask(before);

        var dto = await Handler().Handle(Command(completed: null), CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(dto.Completed, Is.EqualTo(!before));
            Assert.That(dto.UpdatedAt, Is.EqualTo(LaterTruncated));
            Assert.That(dto.Version, Is.EqualTo(2));
        }
    }

    [TestCase(false, true)]
    [TestCase(true, false)]
    public async Task Handle_WithADifferentValue_SetsIt(bool before, bool requested)
    {
        GivenStoredTask(before);

        var dto = await Handler().Handle(Command(completed: requested), CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(dto.Completed, Is.EqualTo(requested));
            Assert.That(dto.UpdatedAt, Is.EqualTo(LaterTruncated));
            Assert.That(dto.Version, Is.EqualTo(2));
        }
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task Handle_WithTheCurrentValue_LeavesTheTaskAndItsTimestampUntouched(bool completed)
    {
        GivenStoredTask(completed);

        var dto = await Handler().Handle(Command(completed: completed), CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(dto.Completed, Is.EqualTo(completed));
            Assert.That(dto.UpdatedAt, Is.EqualTo(CreatedAt));
            Assert.That(dto.Version, Is.EqualTo(1));
        }
    }

    [Test]
    public async Task Handle_WhenTheSameValueIsSentTwice_TheSecondRequestChangesNothing()
    {
        await Handler().Handle(Command(completed: true), CancellationToken.None);
        _repository.SetupReads(_task.Id, _task);

        var dto = await Handler().Handle(Command(completed: true), CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(dto.Completed, Is.True);
            Assert.That(dto.Version, Is.EqualTo(2));
        }
    }

    [Test]
    public async Task Handle_WhenAToggleLosesARaceWithoutIfMatch_TogglesTheFreshState()
    {
        var fresh = ReadAgain(_task, t => t.SetCompleted(true, CreatedAt.AddMinutes(1)));
        _repository.SetupReads(_task.Id, _task, fresh);
        _repository.SetupConflicts(1);

        var dto = await Handler().Handle(Command(completed: null), CancellationToken.None);

        _repository.Verify(r => r.FindOwnedAsync(_task.Id, Owner, It.IsAny<CancellationToken>()), Times.Exactly(2));
        _repository.Verify(r => r.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Exactly(2));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(dto.Completed, Is.False);
            Assert.That(dto.Version, Is.EqualTo(3));
        }
    }

    [Test]
    public async Task Handle_WhenSettingLosesARaceToTheSameValue_ReturnsTheFreshTaskUnchanged()
    {
        var fresh = ReadAgain(_task, t => t.SetCompleted(true, CreatedAt.AddMinutes(1)));
        _repository.SetupReads(_task.Id, _task, fresh);
        _repository.SetupConflicts(1);

        var dto = await Handler().Handle(Command(completed: true), CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(dto.Completed, Is.True);
            Assert.That(dto.Version, Is.EqualTo(2));
            Assert.That(dto.UpdatedAt, Is.EqualTo(CreatedAt.AddMinutes(1)));
        }
    }
}
