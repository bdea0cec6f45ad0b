using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using TaskManager.Application.Tasks.Changes;
using TaskManager.Application.Tasks.Queries.OpenLiveChanges;
using TaskManager.WebApi.Auth;
using TaskManager.WebApi.Errors;
using TaskManager.WebApi.Sync;

namespace TaskManager.WebApi.Controllers;

/// <summary>
/// What a client needs to stay in sync: the changes feed, and the same changes live as server-sent events. Both read
/// one source, each user's change sequence, so a token from either resumes either.
/// </summary>
[ApiController]
[Route("api/{user_id}/tasks")]
[Authorize(Policy = PathUserAuthorization.PolicyName)]
// One group with the task operations in the document and /docs.
[Tags("Tasks")]
[ProducesResponseType<ProblemBody>(StatusCodes.Status400BadRequest, ProblemJson)]
[ProducesResponseType<ProblemBody>(StatusCodes.Status401Unauthorized, ProblemJson)]
[ProducesResponseType<ProblemBody>(StatusCodes.Status403Forbidden, ProblemJson)]
[ProducesResponseType<ProblemBody>(StatusCodes.Status410Gone, ProblemJson)]
[ProducesResponseType<ProblemBody>(StatusCodes.Status413PayloadTooLarge, ProblemJson)]
[ProducesResponseType<ProblemBody>(StatusCodes.Status414UriTooLong, ProblemJson)]
[ProducesResponseType<ProblemBody>(StatusCodes.Status429TooManyRequests, ProblemJson)]
[ProducesResponseType<ProblemBody>(StatusCodes.Status500InternalServerError, ProblemJson)]
[ProducesResponseType<ProblemBody>(StatusCodes.Status503ServiceUnavailable, ProblemJson)]
public sealed class TaskChangesController(IMediator mediator, LiveStreams liveStreams) : ControllerBase
{
    private const string ProblemJson = "application/problem+json";

    [HttpGet("changes", Name = "GetTaskChanges")]
    [EndpointSummary("What changed since a token (a full sync without one)")]
    [ProducesResponseType<ChangesPage>(StatusCodes.Status200OK, "application/json")]
    public async Task<ActionResult<ChangesPage>> Changes([FromQuery] ChangesRequest request, CancellationToken cancellationToken) =>
        Ok(await mediator.Send(request.ToQuery(), cancellationToken));

    [HttpGet("events", Name = "GetTaskEvents")]
    [EndpointSummary("Your changes live, as server-sent events")]
    [ProducesResponseType<TaskChange>(StatusCodes.Status200OK, "text/event-stream")]
    public async Task<IResult> Events(
        [FromQuery(Name = "since")] string? since,
        [FromHeader(Name = "Last-Event-ID")] string? lastEventId,
        CancellationToken cancellationToken)
    {
        liveStreams.Reserve(HttpContext);
        // What the browser's EventSource sends on a reconnect wins over the URL it first opened.
        var changes = await mediator.Send(new OpenLiveChangesQuery(string.IsNullOrEmpty(lastEventId) ? since : lastEventId), cancellationToken);
        return TypedResults.ServerSentEvents(liveStreams.Start(HttpContext, changes));
    }
}
