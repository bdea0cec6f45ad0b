using Moq;
using TaskManager.Application.Common.Exceptions;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Application.Tasks;
using TaskManager.Application.Tasks.Queries.ListTasks;
using TaskManager.UnitTests.TestSupport;
using static TaskManager.UnitTests.TestSupport.TestTasks;

namespace TaskManager.UnitTests.Tasks.Queries.ListTasks;

public sealed class ListTasksQueryHandlerTests
{
    private Mock<ITaskRepository> _repository = null!;

    private ListTasksQueryHandler Handler(string? currentUserId = Owner) =>
        new(RepositoryMocks.CurrentUser(currentUserId).Object, _repository.Object);

    [SetUp]
    public void SetUp()
    {
        _repository = new Mock<ITaskRepository>();
    }

    [Test]
    public async Task Handle_WhenCallerIsTheOwner_PassesTheCriteriaAndReturnsTheRepositorysPage()
    {
        var page = new TaskPage([], 42, HasMore: true);
        var expected = new TaskListCriteria(TaskStatusFilter.Pending, TaskSortField.Title, SortOrder.Desc, "milk", 10, 20);
        _repository.Setup(r => r.ListAsync(Owner, expected, It.IsAny<CancellationToken>())).ReturnsAsync(page);
        using var cancellation = new CancellationTokenSource();
        var query = new ListTasksQuery(Owner, TaskStatusFilter.Pending, TaskSortField.Title, SortOrder.Desc, "milk", 10, 20);

        var result = await Handler().Handle(query, cancellation.Token);

        Assert.That(result, Is.SameAs(page));
        _repository.Verify(r => r.ListAsync(Owner, expected, cancellation.Token), Times.Once);
        _repository.VerifyNoOtherCalls();
    }

    [Test]
    public async Task Handle_WithDefaults_AsksForTheFirstPageInCreationOrder()
    {
        await Handler().Handle(new ListTasksQuery(Owner), CancellationToken.None);

        var expected = new TaskListCriteria(TaskStatusFilter.All, TaskSortField.Created, SortOrder.Asc, null, 100, 0);
        _repository.Verify(r => r.ListAsync(Owner, expected, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task Handle_WithACursor_PassesItOn()
    {
        var after = new TaskCursor("638000000000000000", Guid.NewGuid());

        await Handler().Handle(new ListTasksQuery(Owner, After: after), CancellationToken.None);

        _repository.Verify(r => r.ListAsync(Owner, It.Is<TaskListCriteria>(c => c.After == after && c.Offset == 0), It.IsAny<CancellationToken>()), Times.Once);
    }

    [TestCase("")]
    [TestCase(null)]
    public async Task Handle_WithEmptyOrNoSearch_SearchesForNothing(string? search)
    {
        await Handler().Handle(new ListTasksQuery(Owner, Search: search), CancellationToken.None);

        _repository.Verify(
            r => r.ListAsync(Owner, It.Is<TaskListCriteria>(c => c.Search == null), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task Handle_WhenPathNamesAnotherUser_ThrowsForbiddenBeforeTouchingTheRepository()
    {
        await Assert.ThrowsAsync<ForbiddenAccessException>(async () =>
            await Handler().Handle(new ListTasksQuery(OtherUser), CancellationToken.None));

        _repository.VerifyNoOtherCalls();
    }

    [Test]
    public async Task Handle_WhenCallerIsAnonymous_ThrowsUnauthorizedBeforeTouchingTheRepository()
    {
        await Assert.ThrowsAsync<UnauthorizedAccessException>(async () =>
            await Handler(currentUserId: null).Handle(new ListTasksQuery(Owner), CancellationToken.None));

        _repository.VerifyNoOtherCalls();
    }
}
