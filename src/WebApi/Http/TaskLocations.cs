using Microsoft.AspNetCore.Mvc;
using TaskManager.Application.Tasks;

namespace TaskManager.WebApi.Http;

/// <summary>A task's URL for the Location header.</summary>
internal static class TaskLocations
{
    // A path relative to the origin, like Link: never built from the client's Host header.
    public static string? Of(IUrlHelper url, TaskDto task) => url.RouteUrl("GetTask", new { user_id = task.UserId, task_id = task.Id });
}
