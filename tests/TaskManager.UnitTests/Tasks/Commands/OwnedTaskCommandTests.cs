using Moq;
using TaskManager.Application.Common;
using TaskManager.Application.Common.Exceptions;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Application.Tasks;
using TaskManager.Application.Tasks.Commands.CompleteTask;
using TaskManager.Application.Tasks.Commands.DeleteTask;
using TaskManager.Application.Tasks.Commands.UpdateTask;
using TaskManager.Domain.Tasks;
using TaskManager.UnitTests.TestSupport;
using static TaskManager.UnitTests.TestSupport.TestTasks;

namespace TaskManager.UnitTests.Tasks.Commands;

/// <summary>
/// What every handler that changes a task its owner names does, whatever the change: it finds the caller's task,
/// honours If-Match and retries a lost race. Each case runs once per handler; what a handler's change is stays in its own tests.
/// </summary>
public sealed class OwnedTaskCommandTests
{
    private Mock<ITaskRepository> _repository = null!;

    private TaskItem _task = null!;

    public static IEnumerable<OwnedTaskHandler> Handlers()
    {
        yield return OwnedTaskHandler.For(
            "CompleteTask",
            (taskId, ifMatch) => new CompleteTaskCommand(taskId, Completed: true, ifMatch),
            (currentUser, repository) => new CompleteTaskCommandHandler(currentUser, repository, new FakeClock(Later)),
            (task, _) => Assert.That(task.Completed, Is.True));
        yield return OwnedTaskHandler.For(
            "DeleteTask",
            (taskId, ifMatch) => new DeleteTaskCommand(taskId, ifMatch),
            (currentUser, repository) => new DeleteTaskCommandHandler(currentUser, repository),
            (task, repository) => repository.Verify(r => r.Remove(task), Times.Once));
        yield return OwnedTaskHandler.For(
            "UpdateTask",
            (taskId, ifMatch) => new UpdateTaskCommand(taskId, new Optional<string>(true, "Buy bread"), default, default, ifMatch),
            (currentUser, repository) => new UpdateTaskCommandHandler(currentUser, repository, new FakeClock(Later)),
            (task, _) => Assert.That(task.Title, Is.EqualTo("Buy bread")));
    }

    [SetUp]
    public void SetUp()
    {
        _repository = new Mock<ITaskRepository>();
        _task = Stored("Buy milk", "2 litres", completed: false);
        _repository.SetupReads(_task.Id, _task);
    }

    private Task Handle(OwnedTaskHandler handler, string? taskId = null, Precondition? ifMatch = null) =>
        handler.Handle(_repository, taskId ?? _task.Id.ToString(), ifMatch);



    [TestCaseSource(nameof(Handlers))]
    public async Task Handle_WhenTaskIsMissingOrBelongsToAnotherUser_ThrowsNotFoundAndChangesNothing(OwnedTaskHandler handler)
    {
        var someoneElsesTaskId = Guid.NewGuid();
        _repository.SetupReads(someoneElsesTaskId, [null]);

        await Assert.ThrowsAsync<NotFoundException>(async () => await Handle(handler, taskId: someoneElsesTaskId.ToString()));

        // Only the read: neither a save nor a removal.
        _repository.Verify(r => r.FindOwnedAsync(someoneElsesTaskId, Owner, It.IsAny<CancellationToken>()), Times.Once);
        _repository.VerifyNoOtherCalls();
    }

    [Test]
    public async Task Handle_WhenTaskIdIsNotACanonicalGuid_ThrowsNotFoundWithoutTouchingTheRepository(
        [ValueSource(nameof(Handlers))] OwnedTaskHandler handler, [Values("nope", "0f8fad5bd9cb469fa16570867728950e")] string taskId)
    {
        await Assert.ThrowsAsync<NotFoundException>(async () => await Handle(handler, taskId: taskId));

        _repository.VerifyNoOtherCalls();
    }

    [TestCaseSource(nameof(Handlers))]
    public async Task Handle_WhenIfMatchNamesAnotherVersion_ThrowsPreconditionFailedAndChangesNothing(OwnedTaskHandler handler)
    {
        var before = _task.ToDto();

        await Assert.ThrowsAsync<PreconditionFailedException>(async () =>
            await Handle(handler, ifMatch: new Precondition(false, new HashSet<int> { 2 })));

        _repository.Verify(r => r.FindOwnedAsync(_task.Id, Owner, It.IsAny<CancellationToken>()), Times.Once);
        _repository.VerifyNoOtherCalls();
        Assert.That(_task.ToDto(), Is.EqualTo(before));
    }

    [TestCaseSource(nameof(Handlers))]
    public async Task Handle_WhenIfMatchNamesTheCurrentVersion_MakesTheChange(OwnedTaskHandler handler)
    {
        // The current version among others: one listed version is enough.
        await Handle(handler, ifMatch: new Precondition(false, new HashSet<int> { 7, 1 }));

        handler.AssertChanged(_task, _repository);
        _repository.Verify(r => r.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Once);
    }

    [TestCaseSource(nameof(Handlers))]
    public async Task Handle_WhenIfMatchIsAnyVersion_MakesTheChange(OwnedTaskHandler handler)
    {
        await Handle(handler, ifMatch: Precondition.AnyVersion);

        handler.AssertChanged(_task, _repository);
        _repository.Verify(r => r.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Once);
    }

    [TestCaseSource(nameof(Handlers))]
    public async Task Handle_WhenEverySaveLosesARace_GivesUpAfterMaxAttemptsWithTheConflict(OwnedTaskHandler handler)
    {
        _repository.SetupReads(_task.Id, [_task, .. Enumerable.Range(1, TaskRepositoryExtensions.MaxAttempts - 1).Select(_ => ReadAgain(_task, _ => { }))]);
        _repository.SetupConflicts(TaskRepositoryExtensions.MaxAttempts);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(async () => await Handle(handler));

        _repository.Verify(r => r.FindOwnedAsync(_task.Id, Owner, It.IsAny<CancellationToken>()), Times.Exactly(TaskRepositoryExtensions.MaxAttempts));
        _repository.Verify(r => r.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Exactly(TaskRepositoryExtensions.MaxAttempts));
    }

    [TestCaseSource(nameof(Handlers))]
    public async Task Handle_WhenSaveLosesARaceWithIfMatch_ThrowsPreconditionFailedAtOnce(OwnedTaskHandler handler)
    {
        _repository.SetupConflicts(1);

        await Assert.ThrowsAsync<PreconditionFailedException>(async () =>
            await Handle(handler, ifMatch: new Precondition(false, new HashSet<int> { 1 })));

        _repository.Verify(r => r.FindOwnedAsync(_task.Id, Owner, It.IsAny<CancellationToken>()), Times.Once);
        _repository.Verify(r => r.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Once);
    }

    [TestCaseSource(nameof(Handlers))]
    public async Task Handle_WhenTheTaskIsDeletedByAnotherRequestDuringARetry_ThrowsNotFound(OwnedTaskHandler handler)
    {
        _repository.SetupReads(_task.Id, _task, null);
        _repository.SetupConflicts(1);

        await Assert.ThrowsAsync<NotFoundException>(async () => await Handle(handler));
    }
}
