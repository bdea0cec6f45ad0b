namespace TaskManager.Application.Common.Idempotency;

public enum IdempotencyClaimOutcome
{
    /// <summary>The key is this request's: it runs, and its write stores its response under the key.</summary>
    Claimed,

    /// <summary>The same request already succeeded: its response is to be sent again.</summary>
    Replay,

    /// <summary>The same request holds the key and is still running.</summary>
    InFlight,

    /// <summary>The key belongs to a different request (another body or another route).</summary>
    Mismatch,
}
