using System.Diagnostics;

namespace TaskManager.WebApi.Http;

/// <summary>One structured line per request: method, path, status, duration and trace id. Never headers, query or body.</summary>
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
                if (logger.IsEnabled(LogLevel.Information))
                {
                    var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    var traceId = Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
                    LogRequest(logger, context.Request.Method, context.Request.Path, context.Response.StatusCode, elapsed, traceId);
                }
            }
        });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "HTTP {Method} {Path} answered {StatusCode} in {ElapsedMs:0.0} ms (trace {TraceId})")]
    private static partial void LogRequest(ILogger logger, string method, PathString path, int statusCode, double elapsedMs, string traceId);
}
