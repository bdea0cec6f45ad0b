namespace TaskManager.Application.Tasks.Changes;

/// <summary>A page of the changes feed, as the wire carries it.</summary>
/// <param name="Next">The token that reads on from the end of this page.</param>
/// <param name="HasMore">Whether more changes follow at once: read on with <paramref name="Next"/>.</param>
public sealed record ChangesPage(IReadOnlyList<TaskChange> Changes, string Next, bool HasMore);
