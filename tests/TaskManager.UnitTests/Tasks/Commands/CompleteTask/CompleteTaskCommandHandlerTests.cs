using Moq;
using TaskManager.Application.Common;
using TaskManager.Application.Common.Exceptions;
using TaskManager.Application.Tasks;
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

    private CompleteTaskCommand Command(bool? completed = null, Precondition? ifMatch = null) =>
        new(Owner, _task.Id.ToString(), completed, ifMatch);

    private CompleteTaskCommandHandler Handler(string? currentUserId = Owner) =>
        new(RepositoryMocks.CurrentUser(currentUserId).Object, _repository.Object, new FakeClock(Later));

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
    public async Task Handle_WhenPathNamesAnotherUser_ThrowsForbiddenBeforeTouchingTheRepository()
    {
        await Assert.ThrowsAsync<ForbiddenAccessException>(async () =>
            await Handler().Handle(Command() with { UserId = OtherUser }, CancellationToken.None));

        _repository.VerifyNoOtherCalls();
    }

    [Test]
    public async Task Handle_WhenCallerIsAnonymous_ThrowsUnauthorizedBeforeTouchingTheRepository()
    {
        await Assert.ThrowsAsync<UnauthorizedAccessException>(async () =>
            await Handler(currentUserId: null).Handle(Command(), CancellationToken.None));

        _repository.VerifyNoOtherCalls();
    }

    [Test]
    public async Task Handle_WhenTaskIsMissingOrBelongsToAnotherUser_ThrowsNotFoundAndSavesNothing()
    {
        var someoneElsesTaskId = Guid.NewGuid();
        _repository.SetupReads(someoneElsesTaskId, [null]);

        await Assert.ThrowsAsync<NotFoundException>(async () =>
            await Handler().Handle(Command() with { TaskId = someoneElsesTaskId.ToString() }, CancellationToken.None));

        _repository.Verify(r => r.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Never);
    }

    [TestCase("nope")]
    [TestCase("0f8fad5bd9cb469fa16570867728950e")]
    public async Task Handle_WhenTaskIdIsNotACanonicalGuid_ThrowsNotFoundWithoutTouchingTheRepository(string taskId)
    {
        await Assert.ThrowsAsync<NotFoundException>(async () =>
            await Handler().Handle(Command() with { TaskId = taskId }, CancellationToken.None));

        _repository.VerifyNoOtherCalls();
    }

    [Test]
    public async Task Handle_WhenIfMatchNamesAnotherVersion_ThrowsPreconditionFailedAndChangesNothing()
    {
        await Assert.ThrowsAsync<PreconditionFailedException>(async () =>
            await Handler().Handle(Command(ifMatch: new Precondition(false, new HashSet<int> { 2 })), CancellationToken.None));

        _repository.Verify(r => r.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Never);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(_task.Completed, Is.False);
            Assert.That(_task.Version, Is.EqualTo(1));
        }
    }

    [Test]
    public async Task Handle_WhenIfMatchNamesTheCurrentVersion_Completes()
    {
        var dto = await Handler().Handle(Command(ifMatch: new Precondition(false, new HashSet<int> { 1 })), CancellationToken.None);

        Assert.That(dto.Completed, Is.True);
        _repository.Verify(r => r.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task Handle_WhenIfMatchIsAnyVersion_Completes()
    {
        var dto = await Handler().Handle(Command(ifMatch: Precondition.AnyVersion), CancellationToken.None);

        Assert.That(dto.Completed, Is.True);
        _repository.Verify(r => r.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Once);
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

    [Test]
    public async Task Handle_WhenEverySaveLosesARace_GivesUpAfterMaxAttemptsWithTheConflict()
    {
        _repository.SetupReads(_task.Id, [_task, .. Enumerable.Range(1, OwnedTasks.MaxAttempts - 1).Select(_ => ReadAgain(_task, _ => { }))]);
        _repository.SetupConflicts(OwnedTasks.MaxAttempts);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(async () => await Handler().Handle(Command(completed: true), CancellationToken.None));

        _repository.Verify(r => r.FindOwnedAsync(_task.Id, Owner, It.IsAny<CancellationToken>()), Times.Exactly(OwnedTasks.MaxAttempts));
        _repository.Verify(r => r.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Exactly(OwnedTasks.MaxAttempts));
    }

    [Test]
    public async Task Handle_WhenSaveLosesARaceWithIfMatch_ThrowsPreconditionFailedAtOnce()
    {
        _repository.SetupConflicts(1);
        var command = Command(completed: true, ifMatch: new Precondition(false, new HashSet<int> { 1 }));

        await Assert.ThrowsAsync<PreconditionFailedException>(async () => await Handler().Handle(command, CancellationToken.None));

        _repository.Verify(r => r.FindOwnedAsync(_task.Id, Owner, It.IsAny<CancellationToken>()), Times.Once);
        _repository.Verify(r => r.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Once);
    }
}
