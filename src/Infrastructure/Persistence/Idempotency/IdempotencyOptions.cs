using System.ComponentModel.DataAnnotations;

namespace TaskManager.Infrastructure.Persistence.Idempotency;

/// <summary>Idempotency:*, how long keys are kept.</summary>
public sealed class IdempotencyOptions
{
    public const string Section = "Idempotency";

    /// <summary>How long a completed key replays its response; the contract promises at least 24 hours.</summary>
    [Range(24, 24 * 365)]
    public int RetentionHours { get; set; } = 24;

    /// <summary>
    /// How long a claim whose request never finished (the process died) blocks its key with 409. Longer than any request
    /// runs; a request still running after it cannot complete the key any more, and its write rolls back.
    /// </summary>
    [Range(1, 3600)]
    public int InFlightSeconds { get; set; } = 60;

    /// <summary>How often lapsed keys are deleted.</summary>
    [Range(1, 24 * 60)]
    public int PurgeIntervalMinutes { get; set; } = 60;

    public TimeSpan Retention => TimeSpan.FromHours(RetentionHours);

    public TimeSpan InFlightLease => TimeSpan.FromSeconds(InFlightSeconds);

    public TimeSpan PurgeInterval => TimeSpan.FromMinutes(PurgeIntervalMinutes);
}
