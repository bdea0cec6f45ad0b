using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace TaskManager.WebApi.Errors;

/// <summary>
/// Writes every problem as application/problem+json, whatever the Accept header says: the default writer
/// declines clients that do not ask for JSON, and an error must still reach them in the contract's shape.
/// </summary>
internal sealed class ProblemJsonWriter(IOptions<JsonOptions> json, IOptions<ProblemDetailsOptions> options) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        options.Value.CustomizeProblemDetails?.Invoke(context);
        var response = context.HttpContext.Response;
        return new ValueTask(response.WriteAsJsonAsync(
            context.ProblemDetails,
            context.ProblemDetails.GetType(),
            json.Value.SerializerOptions,
            "application/problem+json",
            context.HttpContext.RequestAborted));
    }
}
