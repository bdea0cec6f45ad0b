namespace TaskManager.Application.Tasks.Changes;

/// <summary>A task's latest change as the feed stores it: its sequence, and the task as it is now (null once deleted).</summary>
public sealed record RecordedChange(long Sequence, Guid TaskId, TaskDto? Task);
