using System.Text;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using TaskManager.Application.Common.Exceptions;
using TaskManager.Infrastructure;
using TaskManager.WebApi.Sync;

namespace TaskManager.WebApi.Errors;

/// <summary>The one place that turns exceptions into problem details. Nothing internal reaches the body.</summary>
internal sealed partial class ExceptionProblemHandler(IProblemDetailsService problems, ILogger<ExceptionProblemHandler> logger)
    : IExceptionHandler
{
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            // The client has gone: there is nobody to answer.
            return true;
        }

        var problem = ToProblem(exception);
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            LogDatabaseUnavailable(logger, exception);
        }
        else if (problem.Status == StatusCodes.Status500InternalServerError)
        {
            LogUnexpected(logger, exception);
        }

        if (problem.Status is StatusCodes.Status503ServiceUnavailable or StatusCodes.Status429TooManyRequests)
        {
            httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    /// <summary>The status and message an exception answers with; /mcp words its tool errors from the same.</summary>
    public static ProblemDetails ToProblem(Exception exception) => exception switch
    {
        ValidationException validation => new ValidationProblemDetails(validation.Errors.ToDictionary())
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Detail = validation.Message,
        },
        BadRequestException { Errors: { } errors } badRequest => new ValidationProblemDetails(errors.ToDictionary())
        {
            Status = StatusCodes.Status400BadRequest,
            Detail = badRequest.Message,
        },
        BadRequestException badRequest => Problem(StatusCodes.Status400BadRequest, badRequest.Message),
        InvalidChangeTokenException invalidToken => new ValidationProblemDetails(
            new Dictionary<string, string[]> { [InvalidChangeTokenException.Parameter] = [invalidToken.Message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Detail = "One or more query parameters are invalid.",
        },
        ExpiredChangeTokenException expired => Problem(StatusCodes.Status410Gone, expired.Message),
        TooManyStreamsException tooMany => Problem(StatusCodes.Status429TooManyRequests, tooMany.Message),
        BadHttpRequestException badHttp => Problem(badHttp.StatusCode, badHttp.Message),
        // Thrown while transcoding a body whose bytes do not fit its declared charset (e.g. charset=utf-16).
        DecoderFallbackException => Problem(StatusCodes.Status400BadRequest, "The request body is not valid text in its declared charset."),
        UnauthorizedAccessException => Problem(StatusCodes.Status401Unauthorized, "A valid bearer token is required."),
        NotFoundException notFound => Problem(StatusCodes.Status404NotFound, notFound.Message),
        PreconditionFailedException precondition => Problem(StatusCodes.Status412PreconditionFailed, precondition.Message),
        IdempotencyConflictException conflict => Problem(StatusCodes.Status409Conflict, conflict.Message),
        // Any other database error (a value it cannot hold, a broken constraint) is a bug: a 500, logged as an error.
        _ when DatabaseFailure.IsOutage(exception) =>
            Problem(StatusCodes.Status503ServiceUnavailable, "The database is unavailable. Try again shortly."),
        ConcurrencyConflictException =>
            Problem(StatusCodes.Status503ServiceUnavailable, "The task is being changed by many requests at once. Try again shortly."),
        _ => Problem(StatusCodes.Status500InternalServerError, null),
    };

    private static ProblemDetails Problem(int status, string? detail) => new() { Status = status, Detail = detail };

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database failed; answering 503")]
    private static partial void LogDatabaseUnavailable(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception; answering 500")]
    private static partial void LogUnexpected(ILogger logger, Exception exception);
}
