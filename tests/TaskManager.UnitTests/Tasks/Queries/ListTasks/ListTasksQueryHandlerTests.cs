using Moq;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Application.Tasks;
using TaskManager.Application.Tasks.Queries.ListTasks;
using TaskManager.UnitTests.TestSupport;
using static TaskManager.UnitTests.TestSupport.TestTasks;

namespace TaskManager.UnitTests.Tasks.Queries.ListTasks;

public sealed class ListTasksQueryHandlerTests
{
    [Test]
    public async Task Handle_ListsTheCallersTasksByTheCriteriaAndReturnsTheRepositorysPage()
    {
        var repository = new Mock<ITaskRepository>();
        var page = new TaskPage([], 42, HasMore: true);
        var criteria = new TaskListCriteria(
            TaskStatusFilter.Pending, TaskSortField.Title, SortOrder.Desc, "milk", 10, 0, new TaskCursor("buy", Guid.NewGuid()));
        repository.Setup(r => r.ListAsync(Owner, criteria, It.IsAny<CancellationToken>())).ReturnsAsync(page);
        using var cancellation = new CancellationTokenSource();

        var result = await new ListTasksQueryHandler(RepositoryMocks.CurrentUser(Owner).Object, repository.Object)
            .Handle(new ListTasksQuery(criteria), cancellation.Token);

        Assert.That(result, Is.SameAs(page));
        repository.Verify(r => r.ListAsync(Owner, criteria, cancellation.Token), Times.Once);
        repository.VerifyNoOtherCalls();
    }
}
