using Moq;
using TaskManager.Application.Common.Exceptions;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Application.Tasks.Changes;
using TaskManager.Application.Tasks.Queries.GetChanges;
using TaskManager.UnitTests.TestSupport;
using static TaskManager.UnitTests.TestSupport.TestTasks;

namespace TaskManager.UnitTests.Tasks.Queries.GetChanges;

public sealed class GetChangesQueryHandlerTests
{
    private readonly Mock<IChangeFeed> _feed = new();

    [Test]
    public async Task Handle_WithoutSince_ReadsOnlyTheCallersLiveTasksFromTheStart()
    {
        _feed.Setup(f => f.StateAsync(Owner, It.IsAny<CancellationToken>())).ReturnsAsync(new FeedState(9, 0));
        _feed.Setup(f => f.ReadAsync(Owner, 0, true, 3, It.IsAny<CancellationToken>())).ReturnsAsync([]);

        var page = await Handler().Handle(new GetChangesQuery(null, 2), CancellationToken.None);

        Assert.That(page.Changes, Is.Empty);
        Assert.That(ChangeToken.TryDecode(page.Next, Owner, out var next) && next.Position == 9, Is.True, "stands at the latest sequence");
    }

    [Test]
    public async Task Handle_WithAPageAndOneMore_SaysHasMoreAndStandsAtThePagesLastChange()
    {
        var since = new ChangeToken(4, 0).Encode(Owner);
        _feed.Setup(f => f.StateAsync(Owner, It.IsAny<CancellationToken>())).ReturnsAsync(new FeedState(9, 0));
        _feed.Setup(f => f.ReadAsync(Owner, 4, false, 3, It.IsAny<CancellationToken>())).ReturnsAsync(
            [new RecordedChange(5, Guid.NewGuid(), null), new RecordedChange(6, Guid.NewGuid(), null), new RecordedChange(8, Guid.NewGuid(), null)]);

        var page = await Handler().Handle(new GetChangesQuery(since, 2), CancellationToken.None);

        Assert.That(page.HasMore, Is.True);
        Assert.That(page.Changes.Select(c => c.Op), Is.EqualTo(new[] { ChangeOp.Delete, ChangeOp.Delete }));
        Assert.That(ChangeToken.TryDecode(page.Next, Owner, out var next) && next.Position == 6, Is.True);
    }

    [Test]
    public void Handle_WhenSinceIsAnotherUsersToken_ThrowsInvalidChangeToken() =>
        Assert.That(
            async () => await Handler().Handle(new GetChangesQuery(new ChangeToken(1, 0).Encode("someone-else"), 10), CancellationToken.None),
            Throws.TypeOf<InvalidChangeTokenException>());

    [Test]
    public void Handle_WhenADeletionAfterSinceWasPurged_ThrowsExpiredChangeToken()
    {
        _feed.Setup(f => f.StateAsync(Owner, It.IsAny<CancellationToken>())).ReturnsAsync(new FeedState(50, 20));

        Assert.That(
            async () => await Handler().Handle(new GetChangesQuery(new ChangeToken(10, 0).Encode(Owner), 10), CancellationToken.None),
            Throws.TypeOf<ExpiredChangeTokenException>());
    }

    private GetChangesQueryHandler Handler() => new(RepositoryMocks.CurrentUser(Owner).Object, _feed.Object);
}
