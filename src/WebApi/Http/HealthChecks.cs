using System.Globalization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using TaskManager.WebApi.Errors;

namespace TaskManager.WebApi.Http;

internal static class HealthChecks
{
    /// <summary>Up while the process serves requests: checks nothing else.</summary>
    public static HealthCheckOptions Live { get; } = new() { Predicate = _ => false, ResponseWriter = WriteAsync };

    /// <summary>Ready when the database answers; otherwise 503 with Retry-After, like any request that needs it.</summary>
    public static HealthCheckOptions Ready { get; } = new() { Predicate = check => check.Tags.Contains("ready"), ResponseWriter = WriteAsync };

    private static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        if (report.Status == HealthStatus.Unhealthy)
        {
            context.Response.Headers.RetryAfter = ExceptionProblemHandler.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        }

        await context.Response.WriteAsJsonAsync(new { status = report.Status.ToString() });
    }
}
