using System.Buffers.Text;
using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using TaskManager.Application.Tasks;
using TaskManager.Application.Tasks.Queries.ListTasks;
using TaskManager.Domain.Tasks;

namespace TaskManager.WebApi.Controllers;

/// <summary>
/// The list's query string, bound once into typed values (<see cref="ListTasksRequestBinderProvider"/>) and checked once
/// (<see cref="ListTasksRequestValidator"/>): names and values are case-insensitive, an empty value counts as absent,
/// an invalid one is a 400 naming it.
/// </summary>
public sealed class ListTasksRequest
{
    // The longest cursor this list gives out: a title key whose every character the JSON writer escapes (\uXXXX, six
    // bytes), an id, a fingerprint and the JSON around them, in base64url. Anything longer was not made here.
    private const int MaxCursorLength = (TaskLimits.TitleMaxLength * 6 + 128) * 4 / 3;

    private string? _fingerprint;
    private TaskCursor? _after;
    private bool _cursorRead;

    [FromQuery(Name = "status")]
    [DefaultValue(TaskStatusFilter.All)]
    [Description("Which tasks: all, pending (not completed) or completed.")]
    public TaskStatusFilter Status { get; init; }

    [FromQuery(Name = "sort")]
    [DefaultValue(TaskSortField.Created)]
    [Description("created_at, updated_at, title (case-insensitive), due (tasks without due_at last in both orders) or priority (none < low < medium < high); ties are broken by id.")]
    public TaskSortField Sort { get; init; }

    [FromQuery(Name = "order")]
    [DefaultValue(SortOrder.Asc)]
    public SortOrder Order { get; init; }

    [FromQuery(Name = "q")]
    [MaxLength(TaskLimits.SearchMaxLength)]
    [Description("Text that the title or the description contains, case-insensitive.")]
    public string? Q { get; init; }

    [FromQuery(Name = "priority")]
    [Description("Comma-separated priorities (none, low, medium, high): tasks with one of them.")]
    public string? Priority { get; init; }

    [FromQuery(Name = "tag")]
    [Description("A tag the tasks carry, compared case-insensitively; repeat it (tag=a&tag=b) for tasks that carry every one.")]
    public string[]? Tag { get; init; }

    [FromQuery(Name = "due_before")]
    [Description("RFC 3339 date-time with an offset: tasks due earlier than it (tasks without due_at never match).")]
    public string? DueBefore { get; init; }

    [FromQuery(Name = "due_after")]
    [Description("RFC 3339 date-time with an offset: tasks due at or after it.")]
    public string? DueAfter { get; init; }

    [FromQuery(Name = "limit")]
    [Range(1, TaskLimits.PageSizeMax)]
    [DefaultValue(TaskLimits.PageSizeDefault)]
    [Description("Page size.")]
    public int Limit { get; init; } = TaskLimits.PageSizeDefault;

    [FromQuery(Name = "offset")]
    [Range(0, int.MaxValue)]
    [Description("Matches to skip. With an offset, the next page's Link moves the offset on.")]
    public int? Offset { get; init; }

    [FromQuery(Name = "cursor")]
    [Description("Where the page starts: copy it from the previous page's Link, do not build it. It costs the same at any depth, and cannot be combined with offset.")]
    public string? Cursor { get; init; }

    /// <summary>The position <see cref="Cursor"/> names, decoded once; null when there is none or it is not one this list gave out.</summary>
    public TaskCursor? After()
    {
        if (!_cursorRead)
        {
            _cursorRead = true;
            _after = ReadCursor();
        }

        return _after;
    }

    /// <summary>The tag values given, blank ones left out: an empty value counts as absent, and MVC binds a blank one as null, like q's.</summary>
    public IEnumerable<string> Tags => (Tag ?? []).Where(tag => !string.IsNullOrWhiteSpace(tag));

    public ListTasksQuery ToQuery() => new(new TaskListCriteria(Status, Sort, Order, Q, Limit, Offset ?? 0, After(), Organizing()));

    /// <summary>The priorities <see cref="Priority"/> names, in any case; null when it is absent or names something else.</summary>
    public IReadOnlyList<TaskPriority>? Priorities()
    {
        if (string.IsNullOrEmpty(Priority))
        {
            return null;
        }

        var priorities = new SortedSet<TaskPriority>();
        foreach (var name in Priority.Split(','))
        {
            if (!TaskPriorityNames.TryParse(name.ToLowerInvariant(), out var priority))
            {
                return null;
            }

            priorities.Add(priority);
        }

        return [.. priorities];
    }

    /// <summary>The time a due_before or due_after value names; null when it is absent or no RFC 3339 time with an offset.</summary>
    public static DateTime? DueTime(string? value) => Timestamp.TryParseRfc3339(value, out var time) ? time : null;

    private TaskOrganizingFilter? Organizing()
    {
        var filter = new TaskOrganizingFilter(
            Priorities(), [.. Tags.Select(TaskTag.KeyOf).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)], DueTime(DueBefore), DueTime(DueAfter));
        return filter.KeepsAll ? null : filter;
    }

    /// <summary>The opaque cursor for the page after <paramref name="last"/>: its position, bound to this list's filter and order.</summary>
    public string CursorAfter(TaskDto last)
    {
        var position = TaskCursor.After(last, Sort);
        using var json = new MemoryStream();
        using (var writer = new Utf8JsonWriter(json))
        {
            writer.WriteStartObject();
            writer.WriteString("k", position.Key);
            writer.WriteString("i", position.Id);
            writer.WriteString("f", Fingerprint());
            writer.WriteEndObject();
        }

        return Base64Url.EncodeToString(json.ToArray());
    }

    private TaskCursor? ReadCursor()
    {
        if (string.IsNullOrEmpty(Cursor) || Cursor.Length > MaxCursorLength)
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(Base64Url.DecodeFromChars(Cursor));
            var root = json.RootElement;
            if (root.GetProperty("f").GetString() != Fingerprint())
            {
                return null;
            }

            var cursor = new TaskCursor(root.GetProperty("k").GetString()!, root.GetProperty("i").GetGuid());
            return cursor.IsValidFor(Sort) ? cursor : null;
        }
        catch (Exception exception) when (exception is FormatException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    // A cursor is a position in one particular list: another filter, order or search would make it point anywhere.
    private string Fingerprint() => _fingerprint ??= Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(
        string.Join('\n', Status, Sort, Order, Q ?? string.Empty) + OrganizingKey())))[..16];

    // Nothing when no organizing filter is given, so that the fingerprints of v1's lists stay what they were.
    private string OrganizingKey() => Organizing() is { } filter
        ? "\n" + string.Join('\t', string.Join(',', filter.Priorities ?? []), string.Join(',', filter.TagKeys), filter.DueBefore?.Ticks, filter.DueAfter?.Ticks)
        : string.Empty;
}
