namespace TaskManager.Application.Common.Exceptions;

/// <summary>Another request with the same Idempotency-Key is running, or took the key over from this one (409).</summary>
public sealed class IdempotencyConflictException()
    : Exception("A request with this Idempotency-Key is still in progress. Retry it after it has finished.");
