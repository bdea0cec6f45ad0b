using Mediator;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Application.Tasks.Changes;

namespace TaskManager.Application.Tasks.Queries.GetChanges;

/// <summary>
/// A page of the caller's changes: without <paramref name="Since"/> a full sync (every live task, no deletions), with it
/// what changed after that point. The web boundary checks <paramref name="Limit"/>.
/// </summary>
public sealed record GetChangesQuery(string? Since, int Limit) : IQuery<ChangesPage>;

internal sealed class GetChangesQueryHandler(ICurrentUser currentUser, IChangeFeed feed) : IQueryHandler<GetChangesQuery, ChangesPage>
{
    public async ValueTask<ChangesPage> Handle(GetChangesQuery query, CancellationToken cancellationToken)
    {
        var ownerId = currentUser.UserId;
        var from = query.Since is { } since
            ? await feed.CheckAsync(ownerId, since, cancellationToken)
            : new ChangeToken(0, (await feed.StateAsync(ownerId, cancellationToken)).ForgottenThrough);
        var (changes, next, hasMore) = await feed.ReadAsync(ownerId, from, liveOnly: query.Since is null, query.Limit, cancellationToken);
        return new ChangesPage(changes.Select(TaskChange.Of).ToList(), next.Encode(ownerId), hasMore);
    }
}
