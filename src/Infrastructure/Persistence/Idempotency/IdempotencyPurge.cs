namespace TaskManager.Infrastructure.Persistence.Idempotency;

/// <summary>Deletes the keys older than the retention, every <see cref="IdempotencyOptions.PurgeInterval"/>.</summary>
internal sealed partial class IdempotencyPurge(
    IServiceScopeFactory scopes, TimeProvider clock, IOptions<IdempotencyOptions> options, ILogger<IdempotencyPurge> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PurgeInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    var purged = await PurgeAsync(stoppingToken);
                    LogPurged(logger, purged);
                }
                catch (Exception exception) when (DatabaseFailure.IsOutage(exception))
                {
                    // The next round tries again; the keys are only kept a little longer.
                    LogDatabaseUnavailable(logger, exception);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime - options.Value.Retention;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TaskManagerDbContext>();
        // Completed before the cutoff, or claimed before it and never completed. A completion never precedes its
        // claim, so the first condition lets the claimed_at index find them all.
        return await db.IdempotencyRecords
            .Where(r => r.ClaimedAt < cutoff && (r.CompletedAt == null || r.CompletedAt < cutoff))
            .ExecuteDeleteAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged {Count} lapsed idempotency keys")]
    private static partial void LogPurged(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database failed while purging idempotency keys; trying again at the next round")]
    private static partial void LogDatabaseUnavailable(ILogger logger, Exception exception);
}
