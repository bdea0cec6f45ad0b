using System.Globalization;
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

    public ListTasksQuery ToQuery(string userId) => new(
        userId,
        ParseEnum(Status, TaskStatusFilter.All),
        ParseEnum(Sort, TaskSortField.Created),
        ParseEnum(Order, SortOrder.Asc),
        string.IsNullOrEmpty(Q) ? null : Q,
        ParseInt(Limit) ?? ListTasksQuery.DefaultLimit,
        ParseInt(Offset) ?? 0);

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
        RuleFor(p => p.Q).MaximumLength(ListTasksQuery.SearchMaxLength)
            .WithMessage($"q has at most {ListTasksQuery.SearchMaxLength} characters.").OverridePropertyName("q");
    }
}
