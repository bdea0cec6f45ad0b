using TaskManager.Application.Common.Idempotency;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Application.Tasks;
using TaskManager.Domain.Tasks;

namespace TaskManager.Infrastructure.Persistence.Idempotency;

/// <summary>
/// The claims of one request scope. The claim commits on its own, before the request runs, so that a second request
/// with the key sees it in flight; the response is stored by <see cref="AddCompletion"/>, which the task repository
/// calls as it saves, so the key's completion commits with the write or not at all.
/// </summary>
public sealed class IdempotencyStore(TaskManagerDbContext db, TimeProvider clock, IOptions<IdempotencyOptions> options) : IIdempotencyStore
{
    // A lost race reads the winner's record; a record that is gone again by then (its request failed) is claimed anew.
    private const int MaxAttempts = 3;

    private IdempotencyRecord? _claim;
    private Func<TaskDto, IdempotentResponse>? _respond;

    public async Task<IdempotencyClaim> ClaimAsync(
        string ownerId, string key, string fingerprint, Func<TaskDto, IdempotentResponse> respond, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        for (var attempt = 1; ; attempt++)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var existing = await db.IdempotencyRecords.AsNoTracking()
                .FirstOrDefaultAsync(r => r.UserId == ownerId && r.Key == key, cancellationToken);
            if (existing is not null && existing.IsLive(now, settings.Retention, settings.InFlightLease))
            {
                return existing.Fingerprint != fingerprint ? new IdempotencyClaim(IdempotencyClaimOutcome.Mismatch)
                    : existing.Response is { } response ? new IdempotencyClaim(IdempotencyClaimOutcome.Replay, response)
                    : new IdempotencyClaim(IdempotencyClaimOutcome.InFlight);
            }

            var record = existing ?? IdempotencyRecord.Claim(ownerId, key, fingerprint, now);
            if (existing is null)
            {
                db.IdempotencyRecords.Add(record);
            }
            else
            {
                // A lapsed key (expired, or left in flight by a request that died): the old claim token guards the update.
                db.IdempotencyRecords.Attach(record);
                record.ClaimAgain(fingerprint, now);
            }

            try
            {
                await db.SaveVerifiedAsync(cancellationToken);
                _claim = record;
                _respond = respond;
                return new IdempotencyClaim(IdempotencyClaimOutcome.Claimed);
            }
            catch (DbUpdateException exception) when (!DatabaseFailure.IsOutage(exception) && attempt < MaxAttempts)
            {
                // Another request claimed the key first (the primary key or the claim token decided): read what it holds.
                db.Entry(record).State = EntityState.Detached;
            }
        }
    }

    public async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        if (_claim is not { } claim)
        {
            return;
        }

        _claim = null;
        var (userId, key, token) = (claim.UserId, claim.Key, claim.ClaimToken);
        // Only this claim, and only while in flight: a completed key holds a committed write and must keep replaying it.
        await db.IdempotencyRecords
            .Where(r => r.UserId == userId && r.Key == key && r.ClaimToken == token && r.CompletedAt == null)
            .ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Completes this scope's claim, if it has one, with the response the task about to be saved makes.</summary>
    internal void AddCompletion()
    {
        if (_claim is null || _respond is null)
        {
            return;
        }

        var task = db.ChangeTracker.Entries<TaskItem>().Single(e => e.State != EntityState.Deleted).Entity;
        var record = db.ChangeTracker.Entries<IdempotencyRecord>().SingleOrDefault()?.Entity;
        if (record is null)
        {
            // A save that lost a race forgets what it tracked (TaskRepository clears it); the claim itself still stands.
            record = _claim.AsClaimed();
            db.IdempotencyRecords.Attach(record);
        }

        record.Complete(_respond(task.ToDto()), clock.GetUtcNow().UtcDateTime);
    }
}
