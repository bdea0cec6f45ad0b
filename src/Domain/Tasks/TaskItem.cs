namespace TaskManager.Domain.Tasks;

/// <summary>A user's task. State changes only through its methods, which keep the rules and the timestamps.</summary>
public sealed class TaskItem
{
    // For materialization by the persistence layer, which sets every property.
    private TaskItem()
    {
        UserId = string.Empty;
        Title = string.Empty;
    }

    private TaskItem(Guid id, string userId, string title, string? description, bool completed, DateTime now)
    {
        Id = id;
        UserId = userId;
        Title = title;
        Description = description;
        Completed = completed;
        CreatedAt = now;
        UpdatedAt = now;
        Version = 1;
    }

    public Guid Id { get; private set; }

    public string UserId { get; private set; }

    public string Title { get; private set; }

    public string? Description { get; private set; }

    public bool Completed { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    /// <summary>Grows by one on every change that alters a field: the source of the ETag and the concurrency token.</summary>
    public int Version { get; private set; }

    public static TaskItem Create(string userId, string title, string? description, bool completed, DateTime now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        Guard(userId.Length <= TaskLimits.UserIdMaxLength, nameof(userId));

        return new TaskItem(
            Guid.CreateVersion7(),
            userId,
            NormalizeTitle(title),
            CheckDescription(description),
            completed,
            Timestamp.Normalize(now));
    }

    // The validators tell the client what is wrong; these guards only keep a broken task from ever existing.
    private static string NormalizeTitle(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        var trimmed = title.Trim();
        Guard(trimmed.Length is > 0 and <= TaskLimits.TitleMaxLength, nameof(title));
        return trimmed;
    }

    /// <returns>Whether the title changed.</returns>
    public bool Rename(string title, DateTime now)
    {
        var normalized = NormalizeTitle(title);
        if (string.Equals(normalized, Title, StringComparison.Ordinal))
        {
            return false;
        }

        Title = normalized;
        Touch(now);
        return true;
    }

    /// <returns>Whether the description changed.</returns>
    public bool Describe(string? description, DateTime now)
    {
        var checkedDescription = CheckDescription(description);
        if (string.Equals(checkedDescription, Description, StringComparison.Ordinal))
        {
            return false;
        }

        Description = checkedDescription;
        Touch(now);
        return true;
    }

    /// <returns>Whether the completion state changed.</returns>
    public bool SetCompleted(bool completed, DateTime now)
    {
        if (completed == Completed)
        {
            return false;
        }

        Completed = completed;
        Touch(now);
        return true;
    }

    public void ToggleCompleted(DateTime now) => SetCompleted(!Completed, now);

    private static string? CheckDescription(string? description)
    {
        Guard(description is null || description.Length <= TaskLimits.DescriptionMaxLength, nameof(description));
        return description;
    }

    private static void Guard(bool holds, string parameter)
    {
        if (!holds)
        {
            throw new ArgumentException(null, parameter);
        }
    }

    private void Touch(DateTime now)
    {
        // A clock that stands still or steps back must not make updated_at precede created_at.
        var normalized = Timestamp.Normalize(now);
        UpdatedAt = normalized > CreatedAt ? normalized : CreatedAt;
        Version++;
    }
}
