namespace TaskManager.Application.Tasks.Changes;

/// <summary>One change on a live stream, with the token that resumes after it.</summary>
public sealed record ChangeEvent(string Token, TaskChange Change);
