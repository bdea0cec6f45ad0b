namespace TaskManager.Application.Common.Idempotency;

/// <summary>What claiming an idempotency key found.</summary>
/// <param name="Response">The response to replay; set for <see cref="IdempotencyClaimOutcome.Replay"/> only.</param>
public sealed record IdempotencyClaim(IdempotencyClaimOutcome Outcome, IdempotentResponse? Response = null);
