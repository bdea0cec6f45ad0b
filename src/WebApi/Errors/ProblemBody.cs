using System.Text.Json.Serialization;

namespace TaskManager.WebApi.Errors;

/// <summary>An RFC 9457 problem as every error answer carries it (the OpenAPI document's ProblemDetails).</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal class ProblemBody
{
    /// <summary>A URI naming the kind of problem.</summary>
    public required string Type { get; init; }

    /// <summary>The status's reason phrase.</summary>
    public required string Title { get; init; }

    public required int Status { get; init; }

    /// <summary>What went wrong, for a person. Absent on a 500.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Detail { get; init; }

    /// <summary>The request's path.</summary>
    public required string Instance { get; init; }

    /// <summary>Quote it when reporting the problem: it finds the request in the logs.</summary>
    public required string TraceId { get; init; }

    /// <summary>A field or query parameter (snake_case) to its messages.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string[]>? Errors { get; init; }
}
