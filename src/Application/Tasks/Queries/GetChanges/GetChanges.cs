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
        if (query.Since is { } since)
        {
            var from = await feed.CheckAsync(ownerId, since, cancellationToken);
            var (changes, next, hasMore) = await feed.ReadAsync(ownerId, from, liveOnly: false, query.Limit, cancellationToken);
            return Page(changes, next, hasMore);
        }

        // Read before the tasks: every change up to Latest is committed by then (a user's changes commit in order), so
        // the tasks read next include all of them. A full sync that ends here stands at Latest, past the deletions it
        // left out, which the client never had.
        var state = await feed.StateAsync(ownerId, cancellationToken);
        var (live, end, more) = await feed.ReadAsync(ownerId, new ChangeToken(0, state.ForgottenThrough), liveOnly: true, query.Limit, cancellationToken);
        return Page(live, more ? end : end with { Position = Math.Max(end.Position, state.Latest) }, more);

        ChangesPage Page(IReadOnlyList<RecordedChange> changes, ChangeToken next, bool hasMore) =>
            new(changes.Select(TaskChange.Of).ToList(), next.Encode(ownerId), hasMore);
    }
}
