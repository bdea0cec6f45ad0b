using TaskManager.Application.Common.Idempotency;
using TaskManager.Domain.Tasks;

namespace TaskManager.Infrastructure.Persistence.Idempotency;

/// <summary>
/// One user's Idempotency-Key: claimed by a request (in flight) and, in the same transaction as that request's write,
/// completed with the response it got. Every claim has a token of its own, the concurrency token: a request whose claim
/// was taken over (it lapsed) can no longer complete it, so its write rolls back.
/// </summary>
public sealed class IdempotencyRecord
{
    // For materialization by the persistence layer, which sets every property.
    private IdempotencyRecord()
    {
        UserId = string.Empty;
        Key = string.Empty;
        Fingerprint = string.Empty;
    }

    private IdempotencyRecord(string userId, string key, string fingerprint, Guid claimToken, DateTime claimedAt)
    {
        UserId = userId;
        Key = key;
        Fingerprint = fingerprint;
        ClaimToken = claimToken;
        ClaimedAt = claimedAt;
    }

    public string UserId { get; private set; }

    public string Key { get; private set; }

    /// <summary>What the request was (method, route, body), hashed: the key answers only that request.</summary>
    public string Fingerprint { get; private set; }

    public Guid ClaimToken { get; private set; }

    public DateTime ClaimedAt { get; private set; }

    /// <summary>Null while the request is in flight.</summary>
    public DateTime? CompletedAt { get; private set; }

    public int? StatusCode { get; private set; }

    public string? Body { get; private set; }

    public string? ETag { get; private set; }

    public string? Location { get; private set; }

    public IdempotentResponse? Response =>
        CompletedAt is null ? null : new IdempotentResponse(StatusCode!.Value, Body!, ETag!, Location);

    // Times to the millisecond, as every database stores them: the check for a commit whose acknowledgement was lost
    // compares the stored row with this one, and a microsecond the database dropped would make it a different row.
    public static IdempotencyRecord Claim(string userId, string key, string fingerprint, DateTime now) =>
        new(userId, key, fingerprint, Guid.NewGuid(), Timestamp.Normalize(now));

    /// <summary>
    /// Whether the key still stands: completed within <paramref name="retention"/>, or claimed within
    /// <paramref name="inFlightLease"/> (a claim older than that was left by a request that died).
    /// </summary>
    public bool IsLive(DateTime now, TimeSpan retention, TimeSpan inFlightLease) =>
        CompletedAt is { } completedAt ? completedAt > now - retention : ClaimedAt > now - inFlightLease;

    /// <summary>A key that no longer stands, claimed by a new request.</summary>
    public void ClaimAgain(string fingerprint, DateTime now)
    {
        Fingerprint = fingerprint;
        ClaimToken = Guid.NewGuid();
        ClaimedAt = Timestamp.Normalize(now);
        CompletedAt = null;
        StatusCode = null;
        Body = null;
        ETag = null;
        Location = null;
    }

    /// <summary>This claim as it was made, for a unit of work that has forgotten what it tracked.</summary>
    public IdempotencyRecord AsClaimed() => new(UserId, Key, Fingerprint, ClaimToken, ClaimedAt);

    public void Complete(IdempotentResponse response, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(response);
        CompletedAt = Timestamp.Normalize(now);
        StatusCode = response.StatusCode;
        Body = response.Body;
        ETag = response.ETag;
        Location = response.Location;
    }
}
