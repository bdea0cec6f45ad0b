using System.Globalization;
using TaskManager.Domain.Tasks;

namespace TaskManager.Application.Tasks;

/// <summary>
/// A position in a list: the sort key of the last task seen and its id. The next page starts after it, which costs the
/// same at any depth, where an offset walks every row before it.
/// </summary>
/// <param name="Key">created/updated: the time in ticks; title: the title in lower case, as the list sorts it.</param>
public sealed record TaskCursor(string Key, Guid Id)
{
    public static TaskCursor After(TaskDto task, TaskSortField sort)
    {
        ArgumentNullException.ThrowIfNull(task);
        return sort switch
        {
            TaskSortField.Updated => new(task.UpdatedAt.Ticks.ToString(CultureInfo.InvariantCulture), task.Id),
            TaskSortField.Title => new(task.Title.ToLowerInvariant(), task.Id),
            _ => new(task.CreatedAt.Ticks.ToString(CultureInfo.InvariantCulture), task.Id),
        };
    }

    /// <summary>Whether <see cref="Key"/> can be a key of <paramref name="sort"/>: a forged cursor must not reach the database.</summary>
    public bool IsValidFor(TaskSortField sort) =>
        sort == TaskSortField.Title
            ? Key.Length <= TaskLimits.TitleMaxLength && StorableText.IsStorable(Key)
            : long.TryParse(Key, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && ticks <= DateTime.MaxValue.Ticks;

    /// <summary>The time a created/updated key stands for.</summary>
    public DateTime Time => new(long.Parse(Key, CultureInfo.InvariantCulture), DateTimeKind.Utc);
}
