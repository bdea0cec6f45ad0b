using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using TaskManager.Application.Tasks;
using TaskManager.Application.Tasks.Queries.ListTasks;

namespace TaskManager.WebApi.Controllers;

/// <summary>The list's query string as sent. Invalid values are a 400 naming the parameter, before any handler runs.</summary>
public sealed class ListTasksParameters
{
    [FromQuery(Name = "status")]
    public string? Status { get; init; }

    [FromQuery(Name = "sort")]
    public string? Sort { get; init; }

    [FromQuery(Name = "order")]
    public string? Order { get; init; }

    [FromQuery(Name = "q")]
    public string? Q { get; init; }

    [FromQuery(Name = "limit")]
    public string? Limit { get; init; }

    [FromQuery(Name = "offset")]
    public string? Offset { get; init; }

    /// <summary>Where the page starts, as the previous page's <c>Link</c> gave it: opaque to clients.</summary>
    [FromQuery(Name = "cursor")]
    public string? Cursor { get; init; }

    /// <summary>Pages after the first follow cursors, which cost the same at any depth, unless the client pages by offset.</summary>
    public bool PagesByOffset => !string.IsNullOrEmpty(Offset);

    public ListTasksQuery ToQuery(string userId) => new(
        userId,
        ParseEnum(Status, TaskStatusFilter.All),
        ParseEnum(Sort, TaskSortField.Created),
        ParseEnum(Order, SortOrder.Asc),
        string.IsNullOrEmpty(Q) ? null : Q,
        ParseInt(Limit) ?? ListTasksQuery.DefaultLimit,
        ParseInt(Offset) ?? 0,
        TryReadCursor(out var after) ? after : null);

    /// <summary>The opaque cursor for the page after <paramref name="last"/>: its position, bound to this list's filter and order.</summary>
    public string CursorAfter(TaskDto last, ListTasksQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var position = TaskCursor.After(last, query.Sort);
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

    /// <summary>Reads <see cref="Cursor"/>; false when there is none, or it is not one this list gave out.</summary>
    internal bool TryReadCursor([NotNullWhen(true)] out TaskCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(Cursor) || Cursor.Length > MaxCursorLength)
        {
            return false;
        }

        try
        {
            using var json = JsonDocument.Parse(Base64Url.DecodeFromChars(Cursor));
            var root = json.RootElement;
            if (root.GetProperty("f").GetString() != Fingerprint())
            {
                return false;
            }

            cursor = new TaskCursor(root.GetProperty("k").GetString()!, root.GetProperty("i").GetGuid());
            return cursor.IsValidFor(ParseEnum(Sort, TaskSortField.Created));
        }
        catch (Exception exception) when (exception is FormatException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return false;
        }
    }

    private const int MaxCursorLength = 1024;

    // A cursor is a position in one particular list: another filter, order or search would make it point anywhere.
    private string Fingerprint() => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join(
        '\n',
        ParseEnum(Status, TaskStatusFilter.All),
        ParseEnum(Sort, TaskSortField.Created),
        ParseEnum(Order, SortOrder.Asc),
        string.IsNullOrEmpty(Q) ? string.Empty : Q))))[..16];

    // Names only, any case: Enum.TryParse alone would also take "1" or "Pending,Completed".
    internal static bool TryParseEnum<TEnum>(string? value, out TEnum result)
        where TEnum : struct, Enum
    {
        result = default;
        return string.IsNullOrEmpty(value)
            || (value.All(char.IsAsciiLetter) && Enum.TryParse(value, ignoreCase: true, out result));
    }

    internal static int? ParseInt(string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;

    private static TEnum ParseEnum<TEnum>(string? value, TEnum fallback)
        where TEnum : struct, Enum =>
        !string.IsNullOrEmpty(value) && TryParseEnum<TEnum>(value, out var parsed) ? parsed : fallback;
}

public sealed class ListTasksParametersValidator : AbstractValidator<ListTasksParameters>
{
    public ListTasksParametersValidator()
    {
        RuleFor(p => p.Status).Must(v => ListTasksParameters.TryParseEnum<TaskStatusFilter>(v, out _))
            .WithMessage("status must be all, pending or completed.").OverridePropertyName("status");
        RuleFor(p => p.Sort).Must(v => ListTasksParameters.TryParseEnum<TaskSortField>(v, out _))
            .WithMessage("sort must be created, updated or title.").OverridePropertyName("sort");
        RuleFor(p => p.Order).Must(v => ListTasksParameters.TryParseEnum<SortOrder>(v, out _))
            .WithMessage("order must be asc or desc.").OverridePropertyName("order");
        RuleFor(p => p.Limit).Must(v => string.IsNullOrEmpty(v) || ListTasksParameters.ParseInt(v) is >= 1 and <= ListTasksQuery.MaxLimit)
            .WithMessage($"limit must be a whole number from 1 to {ListTasksQuery.MaxLimit}.").OverridePropertyName("limit");
        RuleFor(p => p.Offset).Must(v => string.IsNullOrEmpty(v) || ListTasksParameters.ParseInt(v) is >= 0)
            .WithMessage("offset must be a whole number, 0 or more.").OverridePropertyName("offset");
        RuleFor(p => p.Cursor).Must((p, cursor) => string.IsNullOrEmpty(cursor) || p.TryReadCursor(out _))
            .WithMessage("cursor is not one this list gave out (status, sort, order and q must stay as they were).").OverridePropertyName("cursor");
        RuleFor(p => p.Cursor).Must((p, cursor) => string.IsNullOrEmpty(cursor) || string.IsNullOrEmpty(p.Offset))
            .WithMessage("cursor and offset cannot be combined.").OverridePropertyName("cursor");
        RuleFor(p => p.Q).MaximumLength(ListTasksQuery.SearchMaxLength)
            .WithMessage($"q has at most {ListTasksQuery.SearchMaxLength} characters.").OverridePropertyName("q");
    }
}
