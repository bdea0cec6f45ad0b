using System.Text.Json.Serialization;

namespace TaskManager.Application.Tasks.Changes;

/// <summary>One change as the feed and the live events show it: <c>{"op":"upsert","task":{…}}</c> or <c>{"op":"delete","id":"…"}</c>.</summary>
/// <param name="Task">The task in its latest state; only on an upsert.</param>
/// <param name="Id">The deleted task's id; only on a delete.</param>
public sealed record TaskChange(
    ChangeOp Op,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] TaskDto? Task,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? Id)
{
    public static TaskChange Of(RecordedChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return change.Task is { } task ? new(ChangeOp.Upsert, task, null) : new(ChangeOp.Delete, null, change.TaskId);
    }
}
