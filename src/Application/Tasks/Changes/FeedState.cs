namespace TaskManager.Application.Tasks.Changes;

/// <param name="Latest">The user's highest sequence so far.</param>
/// <param name="ForgottenThrough">The highest sequence of a deletion whose tombstone has been purged.</param>
public sealed record FeedState(long Latest, long ForgottenThrough);
