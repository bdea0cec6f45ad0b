namespace TaskManager.WebApi.Sync;

/// <summary>One live stream more than <c>Sync:MaxStreamsPerUser</c>: a 429 with Retry-After.</summary>
internal sealed class TooManyStreamsException()
    : Exception("You have as many live streams open as one user may: close one, or try again later.");
