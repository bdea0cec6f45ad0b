using TaskManager.Application.Common.Interfaces;
using TaskManager.Application.Tasks.Changes;

namespace TaskManager.Application.Tasks.Queries.OpenLiveChanges;

/// <summary>
/// Opens the caller's live changes: after <paramref name="Since"/> when given (what was missed first), else from now.
/// The token is checked here, before the stream starts, so a bad one is still an ordinary error answer.
/// </summary>
public sealed record OpenLiveChangesQuery(string? Since) : IQuery<LiveChanges>;

internal sealed class OpenLiveChangesQueryHandler(ICurrentUser currentUser, IChangeFeed feed, IChangeSignals signals)
    : IQueryHandler<OpenLiveChangesQuery, LiveChanges>
{
    public async ValueTask<LiveChanges> Handle(OpenLiveChangesQuery query, CancellationToken cancellationToken)
    {
        var ownerId = currentUser.UserId;
        // Subscribed before the starting point is read: a change committed in between wakes the stream, never slips by.
        var subscription = signals.Subscribe(ownerId);
        try
        {
            var from = query.Since is { } since
                ? await feed.CheckAsync(ownerId, since, cancellationToken)
                : await StartingNowAsync(ownerId, cancellationToken);
            return new LiveChanges(feed, subscription, ownerId, from);
        }
        catch
        {
            subscription.Dispose();
            throw;
        }
    }

    private async Task<ChangeToken> StartingNowAsync(string ownerId, CancellationToken cancellationToken)
    {
        var state = await feed.StateAsync(ownerId, cancellationToken);
        return new ChangeToken(state.Latest, state.ForgottenThrough);
    }
}
