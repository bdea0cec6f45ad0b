using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace TaskManager.WebApi.Errors;

/// <summary>
/// The one place that writes problem+json: every error answer, whoever decided it, gets its type, title, instance
/// and trace_id here, and its errors keyed by wire names. Written whatever the Accept header says: an error must
/// reach every client in the contract's shape.
/// </summary>
internal sealed class ProblemJsonWriter(IOptions<JsonOptions> json) : IProblemDetailsWriter
{
    private static readonly Dictionary<int, string> Types = new()
    {
        [400] = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        [401] = "https://tools.ietf.org/html/rfc9110#section-15.5.2",
        [403] = "https://tools.ietf.org/html/rfc9110#section-15.5.4",
        [404] = "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        [405] = "https://tools.ietf.org/html/rfc9110#section-15.5.6",
        [406] = "https://tools.ietf.org/html/rfc9110#section-15.5.7",
        [409] = "https://tools.ietf.org/html/rfc9110#section-15.5.10",
        [410] = "https://tools.ietf.org/html/rfc9110#section-15.5.11",
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
    public static async Task RespondAsync(HttpContext context, int status, string detail)
    {
        context.Response.StatusCode = status;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Detail = detail },
        });
    }

    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        var problem = context.ProblemDetails;
        var status = problem.Status ?? http.Response.StatusCode;
        var type = problem.Type ?? Types.GetValueOrDefault(status, "about:blank");
        var title = problem.Title ?? ReasonPhrases.GetReasonPhrase(status);
        var instance = problem.Instance ?? http.Request.Path.ToString();
        var traceId = Activity.Current?.TraceId.ToString() ?? http.TraceIdentifier;
        var errors = (problem as HttpValidationProblemDetails)?.Errors;
        ProblemBody body = status == StatusCodes.Status422UnprocessableEntity && errors is not null
            ? new ValidationProblemBody
            {
                Type = type, Title = title, Status = status, Detail = problem.Detail, Instance = instance, TraceId = traceId,
                Errors = WireNames(errors),
            }
            : new ProblemBody
            {
                Type = type, Title = title, Status = status, Detail = problem.Detail, Instance = instance, TraceId = traceId,
                Errors = errors is null ? null : WireNames(errors),
            };
        return new ValueTask(http.Response.WriteAsJsonAsync(
            body, body.GetType(), json.Value.SerializerOptions, "application/problem+json", http.RequestAborted));
    }

    // Messages' property names (Title) and the wire's (title) meet here; names that differ only by case are one field.
    private static Dictionary<string, string[]> WireNames(IDictionary<string, string[]> errors) =>
        errors
            .GroupBy(e => JsonNamingPolicy.SnakeCaseLower.ConvertName(e.Key), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.SelectMany(e => e.Value).Distinct().ToArray(), StringComparer.Ordinal);
}
