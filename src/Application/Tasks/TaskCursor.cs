using System.Globalization;
using TaskManager.Domain.Tasks;

namespace TaskManager.Application.Tasks;

/// <summary>
/// A position in a list: the sort key of the last task seen and its id. The next page starts after it, which costs the
/// same at any depth, where an offset walks every row before it.
/// </summary>
/// <param name="Key">
/// created/updated: the time in ticks; title: the title in lower case, as the list sorts it; due: the due time in ticks,
/// empty for a task without one; priority: the rank.
/// </param>
public sealed record TaskCursor(string Key, Guid Id)
{
    public static TaskCursor After(TaskDto task, TaskSortField sort)
    {
        ArgumentNullException.ThrowIfNull(task);
        return sort switch
        {
            TaskSortField.Updated => new(task.UpdatedAt.Ticks.ToString(CultureInfo.InvariantCulture), task.Id),
            TaskSortField.Title => new(task.Title.ToLowerInvariant(), task.Id),
            TaskSortField.Due => new(task.DueAt?.Ticks.ToString(CultureInfo.InvariantCulture) ?? string.Empty, task.Id),
            TaskSortField.Priority => new(((int)task.Priority).ToString(CultureInfo.InvariantCulture), task.Id),
            _ => new(task.CreatedAt.Ticks.ToString(CultureInfo.InvariantCulture), task.Id),
        };
    }

    /// <summary>Whether <see cref="Key"/> can be a key of <paramref name="sort"/>: a forged cursor must not reach the database.</summary>
    public bool IsValidFor(TaskSortField sort) => sort switch
    {
        TaskSortField.Title => Key.Length <= TaskLimits.TitleMaxLength && StorableText.IsStorable(Key),
        TaskSortField.Priority => Key.Length == 1 && TaskPriorityNames.IsRank(Key[0] - '0'),
        TaskSortField.Due when Key.Length == 0 => true,
        _ => long.TryParse(Key, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks <= DateTime.MaxValue.Ticks,
    };

    /// <summary>The time a created/updated/due key stands for; null for a due key of a task without one.</summary>
    public DateTime? Time => Key.Length == 0 ? null : new(long.Parse(Key, CultureInfo.InvariantCulture), DateTimeKind.Utc);

    /// <summary>The priority a priority key stands for.</summary>
    public TaskPriority Rank => (TaskPriority)(Key[0] - '0');
}
