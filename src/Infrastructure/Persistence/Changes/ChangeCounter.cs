namespace TaskManager.Infrastructure.Persistence.Changes;

/// <summary>
/// A user's change sequence. Each change raises it in the change's own transaction; the row lock this takes makes a
/// user's writers commit in the order of their numbers, so no reader sees N+1 while N is still to come.
/// </summary>
internal sealed class ChangeCounter
{
    private ChangeCounter()
    {
        UserId = string.Empty;
    }

    public string UserId { get; private set; }

    /// <summary>The highest sequence number given out.</summary>
    public long LastSequence { get; private set; }

    /// <summary>The highest sequence of a deletion whose tombstone is purged: tokens below it are too old (410).</summary>
    public long ForgottenThrough { get; private set; }
}
