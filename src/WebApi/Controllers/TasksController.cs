using System.Globalization;
using System.Text.Json;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using TaskManager.Application.Tasks;
using TaskManager.Application.Tasks.Commands.CompleteTask;
using TaskManager.Application.Tasks.Commands.CreateTask;
using TaskManager.Application.Tasks.Commands.DeleteTask;
using TaskManager.Application.Tasks.Commands.UpdateTask;
using TaskManager.Application.Tasks.Queries.GetTask;
using TaskManager.WebApi.Auth;
using TaskManager.WebApi.Http;

namespace TaskManager.WebApi.Controllers;

/// <summary>The task resource. Each action turns HTTP into one message; the handlers decide everything else.</summary>
[ApiController]
[Route("api/{user_id}/tasks")]
[Authorize(Policy = PathUserPolicy.Name)]
// A 400 can answer any request: a plain-HTTP call where HTTPS is required, a body or query that cannot be read.
[ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
// The body cap applies to every request, whatever the action reads; every action needs the database.
[ProducesResponseType<ProblemDetails>(StatusCodes.Status413PayloadTooLarge, "application/problem+json")]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status414UriTooLong, "application/problem+json")]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests, "application/problem+json")]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status500InternalServerError, "application/problem+json")]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
public sealed class TasksController(IMediator mediator) : ControllerBase
{
    [HttpGet(Name = "ListTasks")]
    [ProducesResponseType<IReadOnlyList<TaskDto>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public async Task<ActionResult<IReadOnlyList<TaskDto>>> List(
        [FromRoute(Name = "user_id")] string userId, [FromQuery] ListTasksParameters parameters, CancellationToken cancellationToken)
    {
        var query = parameters.ToQuery(userId);
        var page = await mediator.Send(query, cancellationToken);
        Response.Headers["X-Total-Count"] = page.Total.ToString(CultureInfo.InvariantCulture);
        if (page.HasMore && page.Items.Count > 0)
        {
            Response.Headers.Link = parameters.PagesByOffset
                ? PageLinks.Next(Request, query.Offset + page.Items.Count)
                : PageLinks.NextAfter(Request, parameters.CursorAfter(page.Items[^1], query));
        }

        return Ok(page.Items);
    }

    [HttpPost(Name = "CreateTask")]
    [ProducesResponseType<TaskDto>(StatusCodes.Status201Created)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status415UnsupportedMediaType, "application/problem+json")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public async Task<ActionResult<TaskDto>> Create(
        [FromRoute(Name = "user_id")] string userId, [FromBody] JsonElement body, CancellationToken cancellationToken)
    {
        var fields = TaskBody.Read(body);
        var task = await mediator.Send(
            new CreateTaskCommand(userId, fields.Title.Value, fields.Description.Value, fields.Completed.Value), cancellationToken);
        Response.Headers.ETag = ETags.For(task);
        // A path relative to the origin, like Link: never built from the client's Host header.
        return Created(Url.RouteUrl("GetTask", new { user_id = userId, task_id = task.Id }), task);
    }

    [HttpGet("{task_id}", Name = "GetTask")]
    [ProducesResponseType<TaskDto>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status304NotModified)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<ActionResult<TaskDto>> Get(
        [FromRoute(Name = "user_id")] string userId, [FromRoute(Name = "task_id")] string taskId, CancellationToken cancellationToken)
    {
        var task = await mediator.Send(new GetTaskQuery(userId, taskId), cancellationToken);
        Response.Headers.ETag = ETags.For(task);
        return ETags.IfNoneMatchHits(Request.Headers.IfNoneMatch, task) ? StatusCode(StatusCodes.Status304NotModified) : Ok(task);
    }

    [HttpPut("{task_id}", Name = "UpdateTask")]
    [ProducesResponseType<TaskDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status415UnsupportedMediaType, "application/problem+json")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public async Task<ActionResult<TaskDto>> Update(
        [FromRoute(Name = "user_id")] string userId,
        [FromRoute(Name = "task_id")] string taskId,
        [FromBody] JsonElement body,
        CancellationToken cancellationToken)
    {
        var fields = TaskBody.Read(body);
        var task = await mediator.Send(
            new UpdateTaskCommand(userId, taskId, fields.Title, fields.Description, fields.Completed, ETags.IfMatch(Request.Headers.IfMatch)),
            cancellationToken);
        Response.Headers.ETag = ETags.For(task);
        return Ok(task);
    }

    [HttpDelete("{task_id}", Name = "DeleteTask")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, "application/problem+json")]
    public async Task<IActionResult> Delete(
        [FromRoute(Name = "user_id")] string userId, [FromRoute(Name = "task_id")] string taskId, CancellationToken cancellationToken)
    {
        await mediator.Send(new DeleteTaskCommand(userId, taskId, ETags.IfMatch(Request.Headers.IfMatch)), cancellationToken);
        return NoContent();
    }

    [HttpPatch("{task_id}/complete", Name = "CompleteTask")]
    [ProducesResponseType<TaskDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status415UnsupportedMediaType, "application/problem+json")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public async Task<ActionResult<TaskDto>> Complete(
        [FromRoute(Name = "user_id")] string userId,
        [FromRoute(Name = "task_id")] string taskId,
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] JsonElement body,
        CancellationToken cancellationToken)
    {
        var completed = TaskBody.Read(body, emptyAllowed: true).Completed;
        var task = await mediator.Send(
            new CompleteTaskCommand(userId, taskId, completed.HasValue ? completed.Value : null, ETags.IfMatch(Request.Headers.IfMatch)),
            cancellationToken);
        Response.Headers.ETag = ETags.For(task);
        return Ok(task);
    }
}
