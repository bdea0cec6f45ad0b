using Moq;
using TaskManager.Application.Common.Exceptions;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Application.Tasks.Queries.GetTask;
using TaskManager.UnitTests.TestSupport;
using static TaskManager.UnitTests.TestSupport.TestTasks;

namespace TaskManager.UnitTests.Tasks.Queries.GetTask;

public sealed class GetTaskQueryHandlerTests
{
    private Mock<ITaskRepository> _repository = null!;

    private GetTaskQueryHandler Handler() =>
        new(RepositoryMocks.CurrentUser(Owner).Object, _repository.Object);

    [SetUp]
    public void SetUp()
    {
        _repository = new Mock<ITaskRepository>();
    }

    [Test]
    public async Task Handle_WhenCallerOwnsTheTask_ReturnsIt()
    {
        var task = Stored("Read", "A book", completed: true);
        task.Rename("Read again", Later.UtcDateTime);
        _repository.SetupReadOnly(task.Id, task);
        using var cancellation = new CancellationTokenSource();

        var dto = await Handler().Handle(new GetTaskQuery(task.Id.ToString()), cancellation.Token);

        _repository.Verify(r => r.FindOwnedDtoAsync(task.Id, Owner, cancellation.Token), Times.Once);
        _repository.VerifyNoOtherCalls();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(dto.Id, Is.EqualTo(task.Id));
            Assert.That(dto.UserId, Is.EqualTo(Owner));
            Assert.That(dto.Title, Is.EqualTo("Read again"));
            Assert.That(dto.Description, Is.EqualTo("A book"));
            Assert.That(dto.Completed, Is.True);
            Assert.That(dto.CreatedAt, Is.EqualTo(CreatedAt));
            Assert.That(dto.UpdatedAt, Is.EqualTo(LaterTruncated));
            Assert.That(dto.Version, Is.EqualTo(2));
        }
    }




    [Test]
    public async Task Handle_WhenTaskIsMissingOrBelongsToAnotherUser_ThrowsNotFound()
    {
        var id = Guid.NewGuid();
        _repository.SetupReadOnly(id, null);

        await Assert.ThrowsAsync<NotFoundException>(async () =>
            await Handler().Handle(new GetTaskQuery(id.ToString()), CancellationToken.None));
    }

    [TestCase("nope")]
    [TestCase("")]
    [TestCase("0f8fad5bd9cb469fa16570867728950e")]
    [TestCase("{0f8fad5b-d9cb-469f-a165-70867728950e}")]
    public async Task Handle_WhenTaskIdIsNotACanonicalGuid_ThrowsNotFoundWithoutTouchingTheRepository(string taskId)
    {
        await Assert.ThrowsAsync<NotFoundException>(async () =>
            await Handler().Handle(new GetTaskQuery(taskId), CancellationToken.None));

        _repository.VerifyNoOtherCalls();
    }

    [TestCase(" 0f8fad5b-d9cb-469f-a165-70867728950e")]
    [TestCase("0f8fad5b-d9cb-469f-a165-70867728950e\t")]
    public async Task Handle_WhenTaskIdHasSurroundingWhiteSpace_ThrowsNotFoundEvenIfTheTaskExists(string taskId)
    {
        _repository.SetupReadOnly(Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"), Stored());

        await Assert.ThrowsAsync<NotFoundException>(async () =>
            await Handler().Handle(new GetTaskQuery(taskId), CancellationToken.None));

        _repository.VerifyNoOtherCalls();
    }
}
