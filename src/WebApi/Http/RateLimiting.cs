using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using TaskManager.Infrastructure.Auth;
using TaskManager.WebApi.Errors;

namespace TaskManager.WebApi.Http;

/// <summary>
/// Fixed windows on /api and /mcp only (<see cref="ServedPaths"/>), in three kinds of partition: per authenticated subject; per client address and subject
/// for a validly signed token refused only for its lifetime (<see cref="TokenSubject.Lapsed"/>); per client address for
/// anonymous and other failed-auth traffic. One user's burst never limits another, junk sent from an address never
/// turns an honest client's expired-token 401 into a 429, and health probes are never refused.
/// </summary>
internal static class RateLimiting
{
    public const string Section = "RateLimiting";

    public static IServiceCollection AddTaskManagerRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var perUser = Window(configuration.GetSection(Section), permitLimit: 600, windowSeconds: 60);
        var perAddress = Window(configuration.GetSection($"{Section}:Anonymous"), permitLimit: 120, windowSeconds: 60);
        return services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                if (!ServedPaths.ReachesTasks(context.Request.Path))
                {
                    return RateLimitPartition.GetNoLimiter(string.Empty);
                }

                var address = context.Connection.RemoteIpAddress;
                return context.Features.Get<TokenSubject>() switch
                {
                    { Lapsed: false } subject => RateLimitPartition.GetFixedWindowLimiter($"user:{subject.Value}", _ => perUser),
                    { Lapsed: true } lapsed => RateLimitPartition.GetFixedWindowLimiter($"lapsed:{address}:{lapsed.Value}", _ => perAddress),
                    null => RateLimitPartition.GetFixedWindowLimiter($"ip:{address}", _ => perAddress),
                };
            });
            options.OnRejected = RejectAsync;
        });
    }

    private static FixedWindowRateLimiterOptions Window(IConfiguration section, int permitLimit, int windowSeconds) => new()
    {
        PermitLimit = section.GetValue("PermitLimit", permitLimit),
        Window = TimeSpan.FromSeconds(section.GetValue("WindowSeconds", windowSeconds)),
        QueueLimit = 0,
    };

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        await ProblemJsonWriter.RespondAsync(http, StatusCodes.Status429TooManyRequests, "Too many requests. Try again after the time in Retry-After.");
    }
}
