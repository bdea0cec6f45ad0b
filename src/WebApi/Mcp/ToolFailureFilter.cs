using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using TaskManager.WebApi.Errors;

namespace TaskManager.WebApi.Mcp;

/// <summary>
/// The one place where a tool call's failure becomes its result: <c>isError: true</c> and the message the HTTP API
/// gives for the same exception (<see cref="ExceptionProblemHandler.ToProblem"/>). Never a stack trace or a 500.
/// Only what the protocol itself refuses (an unknown tool) stays a protocol error, as MCP specifies.
/// </summary>
internal static partial class ToolFailureFilter
{
    public static McpRequestHandler<CallToolRequestParams, CallToolResult> Wrap(
        McpRequestHandler<CallToolRequestParams, CallToolResult> next) =>
        async (call, cancellationToken) =>
        {
            try
            {
                ToolArgumentTypes.Check(call);
                return await next(call, cancellationToken);
            }
            catch (Exception exception) when (exception is not McpProtocolException
                && (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested))
            {
                return Failure(call, exception);
            }
        };

    private static CallToolResult Failure(RequestContext<CallToolRequestParams> call, Exception exception)
    {
        var problem = ExceptionProblemHandler.ToProblem(exception);
        if (problem.Status >= StatusCodes.Status500InternalServerError
            && call.Services?.GetService<ILoggerFactory>()?.CreateLogger(typeof(ToolFailureFilter).FullName!) is { } logger)
        {
            if (problem.Status == StatusCodes.Status500InternalServerError)
            {
                LogUnexpected(logger, call.Params?.Name, exception);
            }
            else
            {
                LogUnavailable(logger, call.Params?.Name, exception);
            }
        }

        var errors = (problem as Microsoft.AspNetCore.Mvc.ValidationProblemDetails)?.Errors.Values.SelectMany(messages => messages) ?? [];
        var text = string.Join(' ', [problem.Detail ?? "The tool failed unexpectedly; the failure is logged.", .. errors]);
        return new CallToolResult { IsError = true, Content = [new TextContentBlock { Text = text }] };
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Tool {Tool} failed unexpectedly")]
    private static partial void LogUnexpected(ILogger logger, string? tool, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tool {Tool} failed: the database is unavailable or busy")]
    private static partial void LogUnavailable(ILogger logger, string? tool, Exception exception);
}
