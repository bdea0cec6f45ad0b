using Moq;
using TaskManager.Application.Common;
using TaskManager.Application.Common.Exceptions;
using TaskManager.Application.Tasks;
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

    private DeleteTaskCommand Command(Precondition? ifMatch = null) => new(Owner, _task.Id.ToString(), ifMatch);

    private DeleteTaskCommandHandler Handler(string? currentUserId = Owner) =>
        new(RepositoryMocks.CurrentUser(currentUserId).Object, _repository.Object);

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
    public async Task Handle_WhenTaskIsMissingOrBelongsToAnotherUser_ThrowsNotFoundAndRemovesNothing()
    {
        var someoneElsesTaskId = Guid.NewGuid();
        _repository.SetupReads(someoneElsesTaskId, [null]);

        await Assert.ThrowsAsync<NotFoundException>(async () =>
            await Handler().Handle(Command() with { TaskId = someoneElsesTaskId.ToString() }, CancellationToken.None));

        _repository.Verify(r => r.Remove(It.IsAny<TaskItem>()), Times.Never);
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
    public async Task Handle_WhenIfMatchNamesAnotherVersion_ThrowsPreconditionFailedAndRemovesNothing()
    {
        await Assert.ThrowsAsync<PreconditionFailedException>(async () =>
            await Handler().Handle(Command(new Precondition(false, new HashSet<int> { 2 })), CancellationToken.None));

        _repository.Verify(r => r.Remove(It.IsAny<TaskItem>()), Times.Never);
        _repository.Verify(r => r.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task Handle_WhenIfMatchNamesTheCurrentVersion_Removes()
    {
        await Handler().Handle(Command(new Precondition(false, new HashSet<int> { 1 })), CancellationToken.None);

        _repository.Verify(r => r.Remove(_task), Times.Once);
        _repository.Verify(r => r.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task Handle_WhenIfMatchIsAnyVersion_Removes()
    {
        await Handler().Handle(Command(Precondition.AnyVersion), CancellationToken.None);

        _repository.Verify(r => r.Remove(_task), Times.Once);
        _repository.Verify(r => r.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Once);
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

    [Test]
    public async Task Handle_WhenEverySaveLosesARace_GivesUpAfterMaxAttemptsWithTheConflict()
    {
        _repository.SetupReads(_task.Id, [_task, .. Enumerable.Range(1, OwnedTasks.MaxAttempts - 1).Select(_ => ReadAgain(_task, _ => { }))]);
        _repository.SetupConflicts(OwnedTasks.MaxAttempts);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(async () => await Handler().Handle(Command(), CancellationToken.None));

        _repository.Verify(r => r.FindOwnedAsync(_task.Id, Owner, It.IsAny<CancellationToken>()), Times.Exactly(OwnedTasks.MaxAttempts));
        _repository.Verify(r => r.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Exactly(OwnedTasks.MaxAttempts));
    }

    [Test]
    public async Task Handle_WhenSaveLosesARaceWithIfMatch_ThrowsPreconditionFailedAtOnce()
    {
        _repository.SetupConflicts(1);

        await Assert.ThrowsAsync<PreconditionFailedException>(async () =>
            await Handler().Handle(Command(new Precondition(false, new HashSet<int> { 1 })), CancellationToken.None));

        _repository.Verify(r => r.FindOwnedAsync(_task.Id, Owner, It.IsAny<CancellationToken>()), Times.Once);
        _repository.Verify(r => r.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task Handle_WhenTheTaskIsDeletedByAnotherRequestDuringARetry_ThrowsNotFound()
    {
        _repository.SetupReads(_task.Id, _task, null);
        _repository.SetupConflicts(1);

        await Assert.ThrowsAsync<NotFoundException>(async () => await Handler().Handle(Command(), CancellationToken.None));
    }
}
