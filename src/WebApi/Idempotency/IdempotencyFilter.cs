using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;
using TaskManager.Application.Common.Exceptions;
using TaskManager.Application.Common.Idempotency;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Application.Tasks;
using TaskManager.Infrastructure;
using TaskManager.WebApi.Errors;
using TaskManager.WebApi.Http;

namespace TaskManager.WebApi.Idempotency;

/// <summary>
/// Safe retries: an action marked <see cref="IdempotentAttribute"/> and sent with an Idempotency-Key runs once per key.
/// The key is claimed before the action (after its body was read and bound); the action's write stores the response
/// under the key in its own transaction; a retry gets that response again with Idempotent-Replayed: true. A failed
/// request gives its key back, so that its retry runs afresh: only successes are replayed.
/// </summary>
internal sealed partial class IdempotencyFilter(
    IIdempotencyStore store, ICurrentUser currentUser, IOptions<JsonOptions> json, ILogger<IdempotencyFilter> logger)
    : IAsyncActionFilter
{
    public const string KeyHeader = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        var http = context.HttpContext;
        if (!http.Request.Headers.TryGetValue(KeyHeader, out var values))
        {
            await next();
            return;
        }

        if (values is not [{ } key] || !IdempotencyKeyRules.IsValid(key))
        {
            throw new BadRequestException(
                $"The {KeyHeader} header must be one value of 1 to {IdempotencyKeyRules.MaxLength} visible ASCII characters (no spaces).");
        }

        var claim = await store.ClaimAsync(currentUser.UserId, key, RequestFingerprint.Of(context), ResponseFor(context), http.RequestAborted);
        switch (claim.Outcome)
        {
            case IdempotencyClaimOutcome.Replay:
                context.Result = Replay(http.Response, claim.Response!);
                return;
            case IdempotencyClaimOutcome.InFlight:
                throw new IdempotencyConflictException();
            case IdempotencyClaimOutcome.Mismatch:
                throw new ValidationException(new Dictionary<string, string[]>
                {
                    [KeyHeader] = ["This key was used for a different request (another body or another route). Use a new key for a new request."],
                });
        }

        var executed = await next();
        if (executed.Exception is not null && !executed.ExceptionHandled)
        {
            await ReleaseAsync();
        }
    }

    // What the action answers with the task it wrote: its documented success status, the body, the ETag, and for a
    // creation the Location, exactly as the action itself sets them.
    private Func<TaskDto, IdempotentResponse> ResponseFor(ActionExecutingContext context)
    {
        var status = ((ControllerActionDescriptor)context.ActionDescriptor).MethodInfo
            .GetCustomAttributes<ProducesResponseTypeAttribute>().Single(p => p.StatusCode is >= 200 and < 300).StatusCode;
        var url = ((ControllerBase)context.Controller).Url;
        var options = json.Value.JsonSerializerOptions;
        return task => new IdempotentResponse(
            status,
            JsonSerializer.Serialize(task, options),
            ETags.For(task),
            status == StatusCodes.Status201Created ? TaskLocations.Of(url, task) : null);
    }

    private static ContentResult Replay(HttpResponse response, IdempotentResponse stored)
    {
        response.Headers.ETag = stored.ETag;
        if (stored.Location is { } location)
        {
            response.Headers.Location = location;
        }

        response.Headers[ReplayedHeader] = "true";
        return new ContentResult { StatusCode = stored.StatusCode, Content = stored.Body, ContentType = "application/json; charset=utf-8" };
    }

    private async Task ReleaseAsync()
    {
        try
        {
            // Not the request's token: a client that has gone must not leave its key blocked.
            await store.ReleaseAsync(CancellationToken.None);
        }
        catch (Exception exception) when (DatabaseFailure.IsOutage(exception))
        {
            // The request's own failure is what the client hears; the claim lapses after Idempotency:InFlightSeconds.
            LogReleaseFailed(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database failed while giving back an idempotency key; it lapses by itself")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception);
}
