using System.Reflection;
using TaskManager.Domain.Tasks;

namespace TaskManager.UnitTests.TestSupport;

/// <summary>Tasks as the repository would hand them out, and the users and times the handler tests share.</summary>
public static class TestTasks
{
    public const string Owner = "1z5i25bKt00xDTDrPxaUiqeOdFfIjc3V";

    public static readonly DateTime CreatedAt = new(2026, 11, 24, 3, 4, 48, 771, DateTimeKind.Utc);

    /// <summary>A time after <see cref="CreatedAt"/> with sub-millisecond ticks, so truncation shows.</summary>
    public static readonly DateTimeOffset Later = new DateTimeOffset(2026, 11, 25, 8, 30, 0, 123, TimeSpan.Zero).AddTicks(4567);

    public static readonly DateTime LaterTruncated = new(2026, 11, 25, 8, 30, 0, 123, DateTimeKind.Utc);

    private static readonly PropertyInfo IdProperty = typeof(TaskItem).GetProperty(nameof(TaskItem.Id))!;

    public static TaskItem Stored(string title = "Buy milk", string? description = null, bool completed = false) =>
        TaskItem.Create(Owner, title, description, completed, CreatedAt);

    /// <summary>The same row read again after another writer changed it: same id, new state.</summary>
    public static TaskItem ReadAgain(TaskItem original, Action<TaskItem> otherWritersChange)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(otherWritersChange);
        var fresh = TaskItem.Create(original.UserId, original.Title, original.Description, original.Completed, original.CreatedAt);
        // The domain never lets a caller choose an id; only the persistence layer sets it, as this does.
        IdProperty.SetValue(fresh, original.Id);
        otherWritersChange(fresh);
        return fresh;
    }
}
