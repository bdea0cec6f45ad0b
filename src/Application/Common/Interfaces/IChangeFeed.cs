using TaskManager.Application.Tasks.Changes;

namespace TaskManager.Application.Common.Interfaces;

/// <summary>Each user's changes in the order they were committed: the one source of truth for the feed and the live events.</summary>
public interface IChangeFeed
{
    /// <summary>
    /// The changes of <paramref name="ownerId"/>'s tasks with a sequence above <paramref name="after"/>, oldest first, each
    /// task once in its latest state; only live tasks when <paramref name="liveOnly"/>.
    /// </summary>
    Task<IReadOnlyList<RecordedChange>> ReadAsync(string ownerId, long after, bool liveOnly, int take, CancellationToken cancellationToken);

    Task<FeedState> StateAsync(string ownerId, CancellationToken cancellationToken);
}
