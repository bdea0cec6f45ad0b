using TaskManager.Domain.Tasks;

namespace TaskManager.Application.Tasks;

/// <summary>The list's filters on priority, tags and due time, already validated.</summary>
/// <param name="Priorities">The priorities kept; null keeps every one.</param>
/// <param name="TagKeys">Tags a task must all carry, as <see cref="TaskTag.KeyOf"/> folds them.</param>
/// <param name="DueBefore">due_at earlier than this; tasks without due_at never match.</param>
/// <param name="DueAfter">due_at at or after this.</param>
public sealed record TaskOrganizingFilter(
    IReadOnlyList<TaskPriority>? Priorities,
    IReadOnlyList<string> TagKeys,
    DateTime? DueBefore,
    DateTime? DueAfter)
{
    /// <summary>Whether this filter keeps every task, so that a list can take its compiled path.</summary>
    public bool KeepsAll => Priorities is null && TagKeys.Count == 0 && DueBefore is null && DueAfter is null;
}
