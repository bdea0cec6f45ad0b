using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using TaskManager.Application.Tasks.Queries.GetChanges;

namespace TaskManager.WebApi.Controllers;

/// <summary>The changes feed's query string; bound like the list's (<see cref="ListTasksRequestBinderProvider"/>), checked by <see cref="ChangesRequestValidator"/>.</summary>
public sealed class ChangesRequest
{
    public const int LimitDefault = 100;
    public const int LimitMax = 500;

    [FromQuery(Name = "since")]
    [Description("The `next` of the previous page or sync. Without it: a full sync (every live task as an upsert).")]
    public string? Since { get; init; }

    [FromQuery(Name = "limit")]
    [Range(1, LimitMax)]
    [DefaultValue(LimitDefault)]
    [Description("Page size.")]
    public int Limit { get; init; } = LimitDefault;

    public GetChangesQuery ToQuery() => new(Since, Limit);
}
