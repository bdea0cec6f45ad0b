using System.Text.Json.Serialization;

namespace TaskManager.WebApi.Errors;

/// <summary>A problem whose errors name each offending field (the OpenAPI document's ValidationProblemDetails).</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed class ValidationProblemBody : ProblemBody
{
    /// <summary>A field or query parameter (snake_case) to its messages.</summary>
    public new required IReadOnlyDictionary<string, string[]> Errors { get; init; }
}
