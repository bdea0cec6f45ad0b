using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace TaskManager.WebApi.Errors;

/// <summary>What every problem+json body carries: a type, a title, the request path as instance, and a trace_id.</summary>
internal static class Problems
{
    private static readonly Dictionary<int, string> Types = new()
    {
        [400] = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        [401] = "https://tools.ietf.org/html/rfc9110#section-15.5.2",
        [403] = "https://tools.ietf.org/html/rfc9110#section-15.5.4",
        [404] = "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        [405] = "https://tools.ietf.org/html/rfc9110#section-15.5.6",
        [406] = "https://tools.ietf.org/html/rfc9110#section-15.5.7",
        [412] = "https://tools.ietf.org/html/rfc9110#section-15.5.13",
        [413] = "https://tools.ietf.org/html/rfc9110#section-15.5.14",
        [414] = "https://tools.ietf.org/html/rfc9110#section-15.5.15",
        [415] = "https://tools.ietf.org/html/rfc9110#section-15.5.16",
        [422] = "https://tools.ietf.org/html/rfc9110#section-15.5.21",
        [429] = "https://tools.ietf.org/html/rfc6585#section-4",
        [500] = "https://tools.ietf.org/html/rfc9110#section-15.6.1",
        [503] = "https://tools.ietf.org/html/rfc9110#section-15.6.4",
    };

    /// <summary>Answers with <paramref name="status"/> and a problem saying <paramref name="detail"/>, for middleware that decides on its own.</summary>
    public static async Task WriteAsync(HttpContext context, int status, string detail)
    {
        context.Response.StatusCode = status;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Detail = detail },
        });
    }

    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var http = context.HttpContext;
        problem.Status ??= http.Response.StatusCode;
        var status = problem.Status.Value;
        problem.Type ??= Types.GetValueOrDefault(status, "about:blank");
        problem.Title ??= ReasonPhrases.GetReasonPhrase(status);
        problem.Instance ??= http.Request.Path;
        problem.Extensions.Remove("traceId");
        problem.Extensions["trace_id"] = Activity.Current?.TraceId.ToString() ?? http.TraceIdentifier;
    }
}
