using TaskManager.Infrastructure.Persistence;

namespace TaskManager.Infrastructure.Sync;

/// <summary>
/// Forgets deletions older than <c>Sync:TombstoneDays</c>, every <c>Sync:PurgeIntervalMinutes</c>. Each user's counter
/// keeps the highest sequence forgotten, so a token from before it is answered 410 instead of silently missing a delete.
/// </summary>
internal sealed partial class TombstonePurger(
    IServiceScopeFactory scopes, TimeProvider clock, IOptions<SyncOptions> options, ILogger<TombstonePurger> logger) : BackgroundService
{
    /// <returns>The tombstones purged.</returns>
    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime.AddDays(-options.Value.TombstoneDays);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TaskManagerDbContext>();
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var old = db.TaskChanges.Where(c => c.DeletedAt < cutoff);
            await db.ChangeCounters
                .Where(counter => old.Any(c => c.UserId == counter.UserId))
                .ExecuteUpdateAsync(
                    set => set.SetProperty(counter => counter.ForgottenThrough, counter => old.Where(c => c.UserId == counter.UserId).Max(c => c.Sequence)),
                    cancellationToken);
            var purged = await old.ExecuteDeleteAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return purged;
        });
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(options.Value.PurgeIntervalMinutes), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    var purged = await PurgeAsync(stoppingToken);
                    LogPurged(logger, purged);
                }
                catch (Exception exception) when (!stoppingToken.IsCancellationRequested && DatabaseFailure.IsOutage(exception))
                {
                    LogPurgeFailed(logger, exception);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged {Count} tombstones")]
    private static partial void LogPurged(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Purging tombstones failed; trying again at the next interval")]
    private static partial void LogPurgeFailed(ILogger logger, Exception exception);
}
