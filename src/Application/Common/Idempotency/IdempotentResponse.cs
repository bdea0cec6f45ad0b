namespace TaskManager.Application.Common.Idempotency;

/// <summary>The response a key's first request got, kept to be sent again to its retries.</summary>
/// <param name="Body">The JSON body exactly as it was sent.</param>
/// <param name="Location">The Location header, when the response had one.</param>
public sealed record IdempotentResponse(int StatusCode, string Body, string ETag, string? Location);
