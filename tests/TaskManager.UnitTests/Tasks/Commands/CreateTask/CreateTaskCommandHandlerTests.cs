using Moq;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Application.Tasks.Commands.CreateTask;
using TaskManager.Domain.Tasks;
using TaskManager.UnitTests.TestSupport;
using static TaskManager.UnitTests.TestSupport.TestTasks;

namespace TaskManager.UnitTests.Tasks.Commands.CreateTask;

public sealed class CreateTaskCommandHandlerTests
{
    private Mock<ITaskRepository> _repository = null!;

    private static CreateTaskCommand Command(
        string title = "  Buy milk ", string? description = "2 litres", bool completed = false) =>
        new(title, description, completed);

    private CreateTaskCommandHandler Handler() =>
        new(RepositoryMocks.CurrentUser(Owner).Object, _repository.Object, new FakeClock(Later));

    [SetUp]
    public void SetUp()
    {
        _repository = new Mock<ITaskRepository>();
    }

    [Test]
    public async Task Handle_WhenCallerIsTheOwner_AddsThenSavesTheTaskAndReturnsIt()
    {
        var calls = new List<string>();
        TaskItem? added = null;
        _repository.Setup(r => r.Add(It.IsAny<TaskItem>())).Callback((TaskItem task) =>
        {
            calls.Add("add");
            added = task;
        });
        _repository.Setup(r => r.SaveChangesAsync(It.IsAny<CancellationToken>()))
            .Callback(() => calls.Add("save"))
            .Returns(Task.CompletedTask);
        using var cancellation = new CancellationTokenSource();

        var dto = await Handler().Handle(Command(completed: true), cancellation.Token);

        _repository.Verify(r => r.SaveChangesAsync(cancellation.Token), Times.Once);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(calls, Is.EqualTo(new[] { "add", "save" }));
            Assert.That(added, Is.Not.Null);
            Assert.That(dto.Id, Is.Not.EqualTo(Guid.Empty));
            Assert.That(dto.Id, Is.EqualTo(added!.Id));
            Assert.That(dto.UserId, Is.EqualTo(Owner));
            Assert.That(dto.Title, Is.EqualTo("Buy milk"));
            Assert.That(dto.Description, Is.EqualTo("2 litres"));
            Assert.That(dto.Completed, Is.True);
            Assert.That(dto.CreatedAt, Is.EqualTo(LaterTruncated));
            Assert.That(dto.CreatedAt.Kind, Is.EqualTo(DateTimeKind.Utc));
            Assert.That(dto.UpdatedAt, Is.EqualTo(LaterTruncated));
            Assert.That(dto.Version, Is.EqualTo(1));
        }
    }

    [Test]
    public async Task Handle_WithoutDescription_CreatesAPendingTaskWithNullDescription()
    {
        var dto = await Handler().Handle(Command(description: null), CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(dto.Description, Is.Null);
            Assert.That(dto.Completed, Is.False);
        }
    }



    [Test]
    public async Task Handle_WhenSaveFails_LetsTheErrorThrough()
    {
        _repository.Setup(r => r.SaveChangesAsync(It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("database down"));

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await Handler().Handle(Command(), CancellationToken.None));
    }
}
