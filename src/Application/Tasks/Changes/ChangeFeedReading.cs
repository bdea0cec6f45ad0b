using TaskManager.Application.Common.Exceptions;
using TaskManager.Application.Common.Interfaces;

namespace TaskManager.Application.Tasks.Changes;

/// <summary>How the feed and the live events read a user's changes: from a checked token, a page at a time.</summary>
internal static class ChangeFeedReading
{
    /// <summary>The point <paramref name="since"/> names for <paramref name="ownerId"/>.</summary>
    /// <exception cref="InvalidChangeTokenException">Malformed, or another user's.</exception>
    /// <exception cref="ExpiredChangeTokenException">A deletion after it has been forgotten.</exception>
    public static async Task<ChangeToken> CheckAsync(this IChangeFeed feed, string ownerId, string since, CancellationToken cancellationToken)
    {
        if (!ChangeToken.TryDecode(since, ownerId, out var token))
        {
            throw new InvalidChangeTokenException();
        }

        return token.IsForgotten(await feed.StateAsync(ownerId, cancellationToken)) ? throw new ExpiredChangeTokenException() : token;
    }

    /// <summary>Up to <paramref name="limit"/> changes after <paramref name="start"/>, and the token after the last of them.</summary>
    public static async Task<(IReadOnlyList<RecordedChange> Changes, ChangeToken Next, bool HasMore)> ReadAsync(
        this IChangeFeed feed, string ownerId, ChangeToken start, bool liveOnly, int limit, CancellationToken cancellationToken)
    {
        // One row more than the page tells whether another page follows.
        var changes = await feed.ReadAsync(ownerId, start.Position, liveOnly, limit + 1, cancellationToken);
        var hasMore = changes.Count > limit;
        var page = hasMore ? changes.Take(limit).ToList() : changes;
        return (page, page.Count > 0 ? start with { Position = page[^1].Sequence } : start, hasMore);
    }
}
