using System.Collections.Concurrent;
using TaskManager.Application.Common.Interfaces;

namespace TaskManager.Infrastructure.Sync;

/// <summary>
/// This instance's open readers of each user's feed, and their wake-ups: from this instance's commits, and from other
/// instances through the provider's notifier (PostgreSQL NOTIFY, SQL Server polling).
/// </summary>
public sealed class ChangeSignals : IChangeSignals
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Subscription, byte>> _readers = new(StringComparer.Ordinal);

    /// <summary>The users with a reader here now.</summary>
    public IReadOnlyCollection<string> Users => [.. _readers.Keys];

    public IChangeSubscription Subscribe(string userId)
    {
        var subscription = new Subscription(this, userId);
        // Joining and leaving take the lock, so that a reader never joins a user's set as the last one leaves it.
        lock (_readers)
        {
            _readers.GetOrAdd(userId, _ => new ConcurrentDictionary<Subscription, byte>())[subscription] = 0;
        }

        return subscription;
    }

    public void Publish(string userId)
    {
        if (_readers.TryGetValue(userId, out var readers))
        {
            foreach (var reader in readers.Keys)
            {
                reader.Signal();
            }
        }
    }

    /// <summary>Wakes every reader: after a notifier was cut off, each reads the feed for what it may have missed.</summary>
    public void PublishAll()
    {
        foreach (var user in _readers.Keys)
        {
            Publish(user);
        }
    }

    private void Remove(Subscription subscription)
    {
        lock (_readers)
        {
            if (_readers.TryGetValue(subscription.UserId, out var readers) && readers.TryRemove(subscription, out _) && readers.IsEmpty)
            {
                _readers.TryRemove(subscription.UserId, out _);
            }
        }
    }

    private sealed class Subscription(ChangeSignals owner, string userId) : IChangeSubscription
    {
        // At most one wake-up is pending: many signals while the reader reads need one more read, not many.
        private readonly SemaphoreSlim _signal = new(0, 1);

        public string UserId { get; } = userId;

        public void Signal()
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
            }
        }

        public Task WaitAsync(CancellationToken cancellationToken) => _signal.WaitAsync(cancellationToken);

        public void Dispose()
        {
            owner.Remove(this);
            _signal.Dispose();
        }
    }
}
