using System.Runtime.CompilerServices;
using TaskManager.Application.Common.Interfaces;

namespace TaskManager.Application.Tasks.Changes;

/// <summary>
/// One user's changes as they come: the feed read on from a point, then read again at every signal. As each read
/// starts where the last change seen left off, a signal lost or repeated loses or repeats nothing.
/// </summary>
public sealed class LiveChanges : IDisposable
{
    private const int BatchSize = 100;

    private readonly IChangeFeed _feed;
    private readonly IChangeSubscription _subscription;
    private readonly string _ownerId;
    private ChangeToken _position;

    internal LiveChanges(IChangeFeed feed, IChangeSubscription subscription, string ownerId, ChangeToken from)
    {
        _feed = feed;
        _subscription = subscription;
        _ownerId = ownerId;
        _position = from;
    }

    /// <summary>Ends only when <paramref name="cancellationToken"/> does (or the feed cannot be read).</summary>
    public async IAsyncEnumerable<ChangeEvent> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (true)
        {
            var (changes, _, hasMore) = await _feed.ReadAsync(_ownerId, _position, liveOnly: false, BatchSize, cancellationToken);
            foreach (var change in changes)
            {
                _position = _position with { Position = change.Sequence };
                yield return new ChangeEvent(_position.Encode(_ownerId), TaskChange.Of(change));
            }

            if (!hasMore)
            {
                await _subscription.WaitAsync(cancellationToken);
            }
        }
    }

    public void Dispose() => _subscription.Dispose();
}
