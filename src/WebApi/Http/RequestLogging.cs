using System.Diagnostics;

namespace TaskManager.WebApi.Http;

/// <summary>
/// One structured line per request: method, path, status, duration and trace id. Never headers, query or body.
/// Answers below 500 are logged at Information, 5xx at Warning: appsettings.json keeps only the latter, since a line per
/// request costs a fifth of the throughput at full load (README, "Performance"); an operator turns the rest on.
/// </summary>
internal static partial class RequestLogging
{
    public static IApplicationBuilder UseRequestLogging(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger("TaskManager.Requests");
        return app.Use(async (context, next) =>
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await next(context);
            }
            finally
            {
                var level = context.Response.StatusCode >= StatusCodes.Status500InternalServerError ? LogLevel.Warning : LogLevel.Information;
                if (logger.IsEnabled(level))
                {
                    var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    var traceId = Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
                    LogRequest(logger, level, context.Request.Method, context.Request.Path, context.Response.StatusCode, elapsed, traceId);
                }
            }
        });
    }

    [LoggerMessage(Message = "HTTP {Method} {Path} answered {StatusCode} in {ElapsedMs:0.0} ms (trace {TraceId})")]
    private static partial void LogRequest(ILogger logger, LogLevel level, string method, PathString path, int statusCode, double elapsedMs, string traceId);
}
