using TaskManager.Infrastructure.Persistence;

namespace TaskManager.Infrastructure.Sync;

/// <summary>
/// SQL Server has no NOTIFY: each instance reads, every <c>Sync:PollSeconds</c> (1 s), the sequences of the users it
/// streams to, and wakes the streams of those whose sequence moved. A change made through another instance arrives
/// that much later at most (plus the read).
/// </summary>
internal sealed partial class SequencePoller(
    IServiceScopeFactory scopes, ChangeSignals signals, IOptions<SyncOptions> options, ILogger<SequencePoller> logger) : BackgroundService
{
    private readonly Dictionary<string, long> _seen = new(StringComparer.Ordinal);

    /// <summary>One round: wakes the streams of every user whose sequence differs from the last round's.</summary>
    public async Task PollAsync(CancellationToken cancellationToken)
    {
        var users = signals.Users;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TaskManagerDbContext>();
        var counters = await db.ChangeCounters.AsNoTracking()
            .Where(c => users.Contains(c.UserId))
            .Select(c => new { c.UserId, c.LastSequence })
            .ToListAsync(cancellationToken);
        foreach (var user in _seen.Keys.Except(users, StringComparer.Ordinal).ToList())
        {
            _seen.Remove(user);
        }

        foreach (var counter in counters)
        {
            if (!_seen.TryGetValue(counter.UserId, out var seen) || seen != counter.LastSequence)
            {
                _seen[counter.UserId] = counter.LastSequence;
                signals.Publish(counter.UserId);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.PollSeconds));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await PollAsync(stoppingToken);
                }
                catch (Exception exception) when (!stoppingToken.IsCancellationRequested && DatabaseFailure.IsOutage(exception))
                {
                    LogPollFailed(logger, exception);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the change sequences failed; trying again")]
    private static partial void LogPollFailed(ILogger logger, Exception exception);
}
