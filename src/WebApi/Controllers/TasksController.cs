using System.Globalization;
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
using TaskManager.Application.Tasks.Queries.ListTags;
using TaskManager.WebApi.Auth;
using TaskManager.WebApi.Errors;
using TaskManager.WebApi.Http;
using TaskManager.WebApi.Idempotency;

namespace TaskManager.WebApi.Controllers;

/// <summary>
/// The task resource. Each action turns a typed request into one message; the handlers decide everything else. The
/// path's user was checked against the token by the policy before the action runs, so no action reads it.
/// </summary>
[ApiController]
[Route("api/{user_id}/tasks")]
[Authorize(Policy = PathUserAuthorization.PolicyName)]
// What can answer any request: HTTPS required (400), the token (401, 403), the size caps, the rate limit, the database.
[ProducesResponseType<ProblemBody>(StatusCodes.Status400BadRequest, ProblemJson)]
[ProducesResponseType<ProblemBody>(StatusCodes.Status401Unauthorized, ProblemJson)]
[ProducesResponseType<ProblemBody>(StatusCodes.Status403Forbidden, ProblemJson)]
[ProducesResponseType<ProblemBody>(StatusCodes.Status413PayloadTooLarge, ProblemJson)]
[ProducesResponseType<ProblemBody>(StatusCodes.Status414UriTooLong, ProblemJson)]
[ProducesResponseType<ProblemBody>(StatusCodes.Status429TooManyRequests, ProblemJson)]
[ProducesResponseType<ProblemBody>(StatusCodes.Status500InternalServerError, ProblemJson)]
[ProducesResponseType<ProblemBody>(StatusCodes.Status503ServiceUnavailable, ProblemJson)]
public sealed class TasksController(IMediator mediator) : ControllerBase
{
    private const string Json = "application/json";
    private const string ProblemJson = "application/problem+json";

    [HttpGet(Name = "ListTasks")]
    [EndpointSummary("List your tasks (filter, sort, page)")]
    [ProducesResponseType<IReadOnlyList<TaskDto>>(StatusCodes.Status200OK, Json)]
    public async Task<ActionResult<IReadOnlyList<TaskDto>>> List([FromQuery] ListTasksRequest request, CancellationToken cancellationToken)
    {
        var page = await mediator.Send(request.ToQuery(), cancellationToken);
        Response.Headers["X-Total-Count"] = page.Total.ToString(CultureInfo.InvariantCulture);
        if (page.HasMore && page.Items.Count > 0)
        {
            Response.Headers.Link = request.Offset is { } offset
                ? PageLinks.Next(Request, offset + page.Items.Count)
                : PageLinks.NextAfter(Request, request.CursorAfter(page.Items[^1]));
        }

        return Ok(page.Items);
    }

    // The caller's tags belong with their tasks: the same user rule, the same answers to a bad request.
    [HttpGet("/api/{user_id}/tags", Name = "ListTags")]
    [EndpointSummary("List your tags with how many tasks carry each")]
    [ProducesResponseType<IReadOnlyList<TagCount>>(StatusCodes.Status200OK, Json)]
    public async Task<ActionResult<IReadOnlyList<TagCount>>> Tags(CancellationToken cancellationToken) =>
        Ok(await mediator.Send(new ListTagsQuery(), cancellationToken));

    [HttpPost(Name = "CreateTask")]
    [EndpointSummary("Create a task")]
    [Idempotent]
    [ProducesResponseType<TaskDto>(StatusCodes.Status201Created, Json)]
    [ProducesResponseType<ProblemBody>(StatusCodes.Status409Conflict, ProblemJson)]
    [ProducesResponseType<ProblemBody>(StatusCodes.Status415UnsupportedMediaType, ProblemJson)]
    [ProducesResponseType<ValidationProblemBody>(StatusCodes.Status422UnprocessableEntity, ProblemJson)]
    public async Task<ActionResult<TaskDto>> Create([FromBody] CreateTaskRequest body, CancellationToken cancellationToken)
    {
        var task = await mediator.Send(new CreateTaskCommand(body.Title.Value, body.Description.Value, body.Completed.Value, body.DueAt, body.Priority, body.Tags), cancellationToken);
        Response.Headers.ETag = ETags.For(task);
        return Created(TaskLocations.Of(Url, task), task);
    }

    [HttpGet("{task_id}", Name = "GetTask")]
    [EndpointSummary("Get a task")]
    [ProducesResponseType<TaskDto>(StatusCodes.Status200OK, Json)]
    [ProducesResponseType(StatusCodes.Status304NotModified)]
    [ProducesResponseType<ProblemBody>(StatusCodes.Status404NotFound, ProblemJson)]
    public async Task<ActionResult<TaskDto>> Get([FromRoute(Name = "task_id")] string taskId, CancellationToken cancellationToken)
    {
        var task = await mediator.Send(new GetTaskQuery(taskId), cancellationToken);
        Response.Headers.ETag = ETags.For(task);
        return ETags.IfNoneMatchHits(Request.Headers.IfNoneMatch, task) ? StatusCode(StatusCodes.Status304NotModified) : Ok(task);
    }

    [HttpPut("{task_id}", Name = "UpdateTask")]
    [EndpointSummary("Update the fields present in the body")]
    [ProducesResponseType<TaskDto>(StatusCodes.Status200OK, Json)]
    [ProducesResponseType<ProblemBody>(StatusCodes.Status404NotFound, ProblemJson)]
    [ProducesResponseType<ProblemBody>(StatusCodes.Status412PreconditionFailed, ProblemJson)]
    [ProducesResponseType<ProblemBody>(StatusCodes.Status415UnsupportedMediaType, ProblemJson)]
    [ProducesResponseType<ValidationProblemBody>(StatusCodes.Status422UnprocessableEntity, ProblemJson)]
    public async Task<ActionResult<TaskDto>> Update(
        [FromRoute(Name = "task_id")] string taskId, [FromBody] UpdateTaskRequest body, CancellationToken cancellationToken)
    {
        var task = await mediator.Send(
            new UpdateTaskCommand(
                taskId, body.Title, body.Description, body.Completed, ETags.IfMatch(Request.Headers.IfMatch), body.DueAt, body.Priority, body.Tags),
            cancellationToken);
        Response.Headers.ETag = ETags.For(task);
        return Ok(task);
    }

    [HttpDelete("{task_id}", Name = "DeleteTask")]
    [EndpointSummary("Delete a task")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemBody>(StatusCodes.Status404NotFound, ProblemJson)]
    [ProducesResponseType<ProblemBody>(StatusCodes.Status412PreconditionFailed, ProblemJson)]
    public async Task<IActionResult> Delete([FromRoute(Name = "task_id")] string taskId, CancellationToken cancellationToken)
    {
        await mediator.Send(new DeleteTaskCommand(taskId, ETags.IfMatch(Request.Headers.IfMatch)), cancellationToken);
        return NoContent();
    }

    [HttpPatch("{task_id}/complete", Name = "CompleteTask")]
    [EndpointSummary("Toggle or set completed")]
    [Idempotent]
    [ProducesResponseType<TaskDto>(StatusCodes.Status200OK, Json)]
    [ProducesResponseType<ProblemBody>(StatusCodes.Status404NotFound, ProblemJson)]
    [ProducesResponseType<ProblemBody>(StatusCodes.Status409Conflict, ProblemJson)]
    [ProducesResponseType<ProblemBody>(StatusCodes.Status412PreconditionFailed, ProblemJson)]
    [ProducesResponseType<ProblemBody>(StatusCodes.Status415UnsupportedMediaType, ProblemJson)]
    [ProducesResponseType<ValidationProblemBody>(StatusCodes.Status422UnprocessableEntity, ProblemJson)]
    public async Task<ActionResult<TaskDto>> Complete(
        [FromRoute(Name = "task_id")] string taskId,
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] CompleteTaskRequest body,
        CancellationToken cancellationToken)
    {
        var completed = body.Completed.HasValue ? body.Completed.Value : (bool?)null;
        var task = await mediator.Send(new CompleteTaskCommand(taskId, completed, ETags.IfMatch(Request.Headers.IfMatch)), cancellationToken);
        Response.Headers.ETag = ETags.For(task);
        return Ok(task);
    }
}
