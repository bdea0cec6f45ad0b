namespace TaskManager.Domain.Tasks;

/// <summary>A user's task. State changes only through its methods, which keep the rules and the timestamps.</summary>
public sealed class TaskItem
{
    private readonly List<TaskTag> _tagRows = [];

    // For materialization by the persistence layer, which sets every property.
    private TaskItem()
    {
        UserId = string.Empty;
        Title = string.Empty;
        Tags = [];
    }

    private TaskItem(Guid id, string userId, string title, string? description, bool completed, DateTime now)
    {
        Id = id;
        UserId = userId;
        Title = title;
        Description = description;
        Completed = completed;
        CompletedAt = completed ? now : null;
        CreatedAt = now;
        UpdatedAt = now;
        Tags = [];
        Version = 1;
    }

    public Guid Id { get; private set; }

    public string UserId { get; private set; }

    public string Title { get; private set; }

    public string? Description { get; private set; }

    public bool Completed { get; private set; }

    /// <summary>When <see cref="Completed"/> last became true; null while it is false.</summary>
    public DateTime? CompletedAt { get; private set; }

    public DateTime? DueAt { get; private set; }

    public TaskPriority Priority { get; private set; }

    /// <summary>The tags in the order given, one spelling per tag: what a read shows, from the task's own row.</summary>
    public string[] Tags { get; private set; }

    /// <summary>The same tags as rows of their own, which filters and counts use; kept equal to <see cref="Tags"/> by <see cref="Retag"/>.</summary>
    public IReadOnlyCollection<TaskTag> TagRows => _tagRows;

    public DateTime CreatedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    /// <summary>Grows by one on every change that alters a field: the source of the ETag and the concurrency token.</summary>
    public int Version { get; private set; }

    public static TaskItem Create(
        string userId,
        string title,
        string? description,
        bool completed,
        DateTime now,
        DateTime? dueAt = null,
        TaskPriority priority = TaskPriority.None,
        IEnumerable<string>? tags = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        Guard(userId.Length <= TaskLimits.UserIdMaxLength, nameof(userId));

        var task = new TaskItem(
            Guid.CreateVersion7(),
            userId,
            NormalizeTitle(title),
            CheckDescription(description),
            completed,
            Timestamp.Normalize(now))
        {
            DueAt = NormalizeDue(dueAt),
            Priority = CheckPriority(priority),
        };
        task.ReplaceTags(tags ?? []);
        return task;
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
    public bool Rename(string title, DateTime now) => Change(Title, NormalizeTitle(title), value => Title = value, now);

    /// <returns>Whether the description changed.</returns>
    public bool Describe(string? description, DateTime now) =>
        Change(Description, CheckDescription(description), value => Description = value, now);

    /// <returns>Whether the completion state changed.</returns>
    public bool SetCompleted(bool completed, DateTime now)
    {
        if (completed == Completed)
        {
            return false;
        }

        Completed = completed;
        Touch(now);
        CompletedAt = completed ? UpdatedAt : null;
        return true;
    }

    public void ToggleCompleted(DateTime now) => SetCompleted(!Completed, now);

    /// <returns>Whether the due time changed.</returns>
    public bool Schedule(DateTime? dueAt, DateTime now) => Change(DueAt, NormalizeDue(dueAt), value => DueAt = value, now);

    /// <returns>Whether the priority changed.</returns>
    public bool Prioritize(TaskPriority priority, DateTime now) =>
        Change(Priority, CheckPriority(priority), value => Priority = value, now);

    /// <summary>Replaces the whole list of tags (see <see cref="TaskTag.Normalize"/>).</summary>
    /// <returns>Whether the tags, their order or a spelling changed.</returns>
    public bool Retag(IEnumerable<string> tags, DateTime now)
    {
        if (!ReplaceTags(tags))
        {
            return false;
        }

        Touch(now);
        return true;
    }

    private static DateTime? NormalizeDue(DateTime? dueAt) => dueAt is { } due ? Timestamp.Normalize(due) : null;

    private static TaskPriority CheckPriority(TaskPriority priority)
    {
        Guard(Enum.IsDefined(priority), nameof(priority));
        return priority;
    }

    private bool ReplaceTags(IEnumerable<string> tags)
    {
        var normalized = TaskTag.Normalize(tags);
        Guard(normalized.Length <= TaskLimits.TagsMaxCount, nameof(tags));
        Guard(normalized.All(tag => tag.Length is > 0 and <= TaskLimits.TagMaxLength), nameof(tags));
        if (normalized.SequenceEqual(Tags, StringComparer.Ordinal))
        {
            return false;
        }

        TaskTag.Replace(_tagRows, normalized);
        Tags = normalized;
        return true;
    }

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

    // Strings compare ordinally: a change of case is a change.
    private bool Change<T>(T current, T next, Action<T> set, DateTime now)
    {
        if (EqualityComparer<T>.Default.Equals(current, next))
        {
            return false;
        }

        set(next);
        Touch(now);
        return true;
    }

    private void Touch(DateTime now)
    {
        // A clock that stands still or steps back must not make updated_at precede created_at.
        var normalized = Timestamp.Normalize(now);
        UpdatedAt = normalized > CreatedAt ? normalized : CreatedAt;
        Version++;
    }
}
